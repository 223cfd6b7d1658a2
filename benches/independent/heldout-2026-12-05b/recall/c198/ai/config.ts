export const providers = {
  groq: { baseURL: "https://api.groq.com/openai/v1", apiKey: "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" },
};
