import algoliasearch from "algoliasearch";
const client = algoliasearch("LATVV7CJD2", "9bdb5cdfa5d2757c578e27243419c4ed");
const index = client.initIndex("products");
index.saveObjects(products);
