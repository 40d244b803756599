package org.tipline.tipster.page;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the page, in English here; French and Spanish in
 * {@code src/main/resources/messages/msg_fr.properties} and {@code msg_es.properties}, which
 * the build checks against this interface (a key there that is not here fails the build).
 * Templates use them as {@code {msg:title}}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface PageMessages {

    @Message("Leave a tip")
    String title();

    @Message("Language")
    String language();

    @Message("Tell us what you know about a crime. You do not give your name. This page keeps no trace of who you are: "
            + "it records no internet address, sets no cookie and loads nothing from any other site.")
    String intro();

    @Message("What is it about?")
    String categoryLabel();

    @Message("Choose one")
    String categoryChoose();

    @Message("{#when name}{#is 'drugs'}Drugs{#is 'violence'}Violence{#is 'theft'}Theft{#is 'fraud'}Fraud"
            + "{#is 'wanted-person'}A wanted person{#is 'missing-person'}A missing person{#is 'other'}Something else"
            + "{#else}{name}{/when}")
    String category(String name);

    @Message("What happened?")
    String descriptionLabel();

    @Message("Who, what, where, when. Leave out details that only you could know, if they would show who you are.")
    String descriptionHint();

    @Message("Where did it happen? (optional)")
    String locationLabel();

    @Message("Date (optional)")
    String dateLabel();

    @Message("Time (optional)")
    String timeLabel();

    @Message("Send the tip")
    String submit();

    @Message("Please correct this:")
    String errorSummary();

    @Message("Choose what the tip is about.")
    String errorCategory();

    @Message("Describe what happened, in at most 20,000 characters.")
    String errorDescription();

    @Message("The place can be at most 1,000 characters.")
    String errorLocation();

    @Message("Give the date as year, month and day, and a time only together with a date.")
    String errorDate();

    @Message("Too many tips have come through this form in the last hour, and yours was not stored. Please try again "
            + "later, or turn on JavaScript in your browser and send it again now.")
    String errorQuota();

    @Message("This form takes tips only with JavaScript turned on in your browser. Your tip was not stored.")
    String errorFormOff();

    @Message("The service is busy and did not store your tip. Please try again in a minute.")
    String errorBusy();

    @Message("Your tip could not be sent, and nothing was stored. Check your connection and try again.")
    String errorNetwork();

    @Message("The check that protects this service did not succeed. Please send again.")
    String errorProof();

    @Message("Your device is doing a short check that protects this service from floods of fake tips. "
            + "This takes a few seconds.")
    String proofWorking();

    @Message("Sending your tip…")
    String sending();

    @Message("Sealing your tip on this device, so that only the office can read it. This can take a few seconds…")
    String sealing();

    @Message("Your tip could not be sealed on this device, and nothing was sent. Please send again; if it fails "
            + "again, reload the page.")
    String errorSealing();

    @Message("Your tip was received")
    String receiptTitle();

    @Message("Tip reference")
    String receiptReference();

    @Message("Passphrase")
    String receiptPassphrase();

    @Message("Received on")
    String receiptReceivedOn();

    @Message("Write down your tip reference and passphrase now, and keep them private. They are shown only this once. "
            + "Nobody can recover or reset them, not even Crime Stoppers: without them you cannot read questions about "
            + "your tip, answer them or claim a reward.")
    String receiptWriteDown();

    @Message("What the office can and cannot know")
    String knowsTitle();

    @Message("The office reads what you wrote, the category you chose and the day your tip arrived.")
    String knowsCan();

    @Message("It does not get your name, your phone number, your internet address or your browser's details: this "
            + "service removes them before it stores anything, and never records them.")
    String knowsCannot();

    @Message("What you wrote can still point to you, if it tells something only you could know.")
    String knowsWords();

    @Message("Come back in a few days with your reference and passphrase, to see whether the office has questions "
            + "for you and to claim a reward.")
    String receiptComeBack();

    @Message("I have written down my reference and passphrase")
    String receiptConfirm();

    @Message("Done")
    String receiptDone();

    @Message("Please confirm that you have written down your reference and passphrase.")
    String receiptConfirmNeeded();

    @Message("Check for replies to a tip you sent")
    String repliesLink();

    @Message("Back to the tip form")
    String backToForm();

    @Message("Check for replies")
    String repliesTitle();

    @Message("Enter the tip reference and the passphrase you were given when you sent your tip.")
    String repliesIntro();

    @Message("Open")
    String repliesOpen();

    @Message("Checking for replies needs JavaScript turned on in your browser.")
    String repliesNeedsScript();

    @Message("This reference and passphrase do not open a tip. Check them and try again.")
    String repliesRefused();

    @Message("Too many attempts. Please wait a few minutes and try again.")
    String repliesThrottled();

    @Message("Opening your tip…")
    String repliesOpening();

    @Message("Status")
    String mailboxStatus();

    @Message("{#when status}{#is 'received'}Received{#is 'under-review'}Under review"
            + "{#is 'more-information-needed'}The office needs more information{#is 'closed'}Closed{#else}{status}{/when}")
    String status(String status);

    @Message("Messages")
    String mailboxMessages();

    @Message("No messages yet.")
    String mailboxEmpty();

    @Message("The office")
    String fromOffice();

    @Message("You")
    String fromYou();

    @Message("Reward")
    String reward();

    @Message("Approved")
    String rewardApproved();

    @Message("Paid")
    String rewardPaid();

    @Message("Amount")
    String rewardAmount();

    @Message("How to collect it")
    String rewardInstructions();

    @Message("Code to quote when you collect it")
    String rewardCode();

    @Message("Your answer or new information")
    String answerLabel();

    @Message("Send")
    String answerSend();

    @Message("Sent.")
    String answerSent();

    @Message("The office has closed this conversation.")
    String dialogueClosed();

    @Message("End my access for good")
    String eraseButton();

    @Message("After this, nobody can open this tip's messages again, not even you. The office keeps your tip.")
    String eraseWarning();

    @Message("Yes, end my access for good")
    String eraseConfirm();

    @Message("Your access has ended. You can close this page.")
    String eraseDone();

    @Message("Your session has ended. Enter your reference and passphrase again.")
    String sessionEnded();

    @Message("Close")
    String close();
}
