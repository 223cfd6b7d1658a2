-- password is set by the provisioning job from Vault
CREATE ROLE reporting LOGIN;
ALTER ROLE reporting SET statement_timeout = '30s';
