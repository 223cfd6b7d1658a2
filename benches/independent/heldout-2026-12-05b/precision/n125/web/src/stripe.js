import { loadStripe } from '@stripe/stripe-js';
export const stripePromise = loadStripe('pk_live_51GxqMcUmGvmARpKwUTxq7xMGKqzT2uT1U8QF3jYl3wZ3gqnJZ1Ckye4i9jYeauiuBESUDyMtMnQEJQsckh77wmchiXHFxGxKlh');
