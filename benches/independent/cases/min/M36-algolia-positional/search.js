const client = algoliasearch("LATVV7CJD2", "6a95428f729f3916a5f3366fe41bd887");
index.saveObjects(products);
