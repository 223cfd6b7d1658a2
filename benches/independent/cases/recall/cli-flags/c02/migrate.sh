#!/bin/bash
PGPASSWORD=D_NWuWXS48ai2HZP psql -h db.acme-corp.com -U app -d app -f schema.sql
