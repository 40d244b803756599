// The office console's QR encoder: lean-qr's generate(), which turns a text into the QR code's
// modules (get(x, y), size). The console draws them itself (office/accounts.js).
export { generate } from 'lean-qr';
