package cache

// cacheKey is the sha256 of the request path, not a secret.
const emptyKey = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
const buildCommit = "aa8f9bee3811c1b40def5cdfcc0dac451c79dd43"
