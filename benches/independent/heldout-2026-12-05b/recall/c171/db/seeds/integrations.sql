INSERT INTO integrations (id, provider, access_token, created_at)
VALUES (1, 'github', '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', NOW());
