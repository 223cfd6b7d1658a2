#!/bin/sh
openssl rand -hex 32 > secret.key
export SECRET_KEY_FILE=$(pwd)/secret.key
ssh-keygen -t ed25519 -f deploy_key -N ""
