// const stripe = require("stripe")("sk_test_YOUR_KEY");
const stripe = require("stripe")(process.env.STRIPE_KEY);
