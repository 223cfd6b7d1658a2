from huggingface_hub import login, snapshot_download

login("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")
snapshot_download("meta-llama/Llama-3.1-8B", local_dir="/models/llama")
