// The page's script (docs/page.md). Without it the page still works: the form posts to
// /page/tip and the server renders the receipt. With it, the tip goes to /api/v1/tips with a
// solved proof-of-work, and "Check for replies" works.
import { setUpTipForm } from './tip-form.js';
import { setUpReplies } from './followup.js';

const tipForm = document.getElementById('tip-form');
if (tipForm) {
  setUpTipForm(tipForm);
}
const signIn = document.getElementById('signin-form');
if (signIn) {
  setUpReplies(signIn);
}
