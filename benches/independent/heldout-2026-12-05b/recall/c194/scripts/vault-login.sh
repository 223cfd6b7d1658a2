#!/bin/bash
export VAULT_ADDR=https://vault.corp.local:8200
export VAULT_TOKEN=hvs.CAESIRyKXc1x-ca3Rt0mrEjE_69kkwEt-xcCUCw4XscCnJBltfT30Hs0G8jJLgWNujZQoAlWtB_81kjdn7m2BaJA_R9
vault kv get secret/app/config
