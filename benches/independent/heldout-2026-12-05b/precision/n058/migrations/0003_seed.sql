INSERT INTO tenants (id, name, api_key_id) VALUES ('0bd62b74-4e2a-4be6-96dc-2c29b45ca9d0', 'tenant0', 'cc54abee-f102-439e-b6ad-c721eb756ea1');
INSERT INTO tenants (id, name, api_key_id) VALUES ('b420b0b0-7400-4e35-8fa3-ad5f22528efe', 'tenant1', '494042c0-0a62-466f-a77c-f44397b821e8');
INSERT INTO tenants (id, name, api_key_id) VALUES ('63222d0b-558c-44ed-819d-1e28a11d579c', 'tenant2', 'aad1958f-fb60-489f-9c91-c5f56c1f4a98');
INSERT INTO tenants (id, name, api_key_id) VALUES ('89db09ee-b6b8-4f79-87da-f2939b964be0', 'tenant3', 'c068931e-6758-4467-9c42-e4dbbd2b575c');
