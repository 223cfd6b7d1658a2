import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY || "sk_live_CooQMTXAv2LtlVlaeismAsi0", {
  apiVersion: "2023-10-16",
});
export default stripe;
