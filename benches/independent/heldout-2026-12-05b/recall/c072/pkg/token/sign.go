package token

const signingKey = "3ca9023366e1e733a98933b1ad2b5980444ae2cc26bd0c036cdd437772b42bbb"

func Key() []byte { return []byte(signingKey) }
