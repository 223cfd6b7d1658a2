const algoliasearch = require('algoliasearch');

const client = algoliasearch('XZY945YJX0', '14c44e4bc854a89b5ed01f0fc1945d92');
const index = client.initIndex('products');
