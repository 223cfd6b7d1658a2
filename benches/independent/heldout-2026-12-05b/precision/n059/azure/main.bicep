param tenantId string = '3b5e7d67-1b7b-4a7c-971c-fb523e165dfa'
param clientId string = 'e1c93bf8-9bff-485a-a9ad-6f9fce654503'
var roleDefinitionId = '1a08cfc3-188e-42a0-83f4-ae88c00b0586'
