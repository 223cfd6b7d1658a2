require "stripe"

Stripe.api_key = "sk_live_51yQa24gafZuFoVIkXRQqR5FZV5YY58g" \
                 "kN7mHqMiKKm42sbyYyuXtsp2fvNO4o2t9wzRia1JlJwtUnsdwXC2x8HI9YwZhBUMTSI"
