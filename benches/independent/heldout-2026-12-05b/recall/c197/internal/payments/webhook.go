package payments

const endpointSecret = "whsec_D1ZrYGNKS45o1iwUoSkmaTCwDaIrdD7U"
