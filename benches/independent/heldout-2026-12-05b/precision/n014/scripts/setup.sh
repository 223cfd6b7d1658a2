#!/bin/bash
read -rsp "Database password: " DB_PASSWORD
echo
export DB_PASSWORD
: "${API_TOKEN:?API_TOKEN must be set}"
