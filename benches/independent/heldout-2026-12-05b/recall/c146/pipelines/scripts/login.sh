#!/bin/bash
export AZURE_DEVOPS_EXT_PAT=qhlo5kvmtezrng7x4doyn6gtplkqnbdlpbomk6hl6tss2unl5t72
az devops configure --defaults organization=https://dev.azure.com/acme project=Platform
