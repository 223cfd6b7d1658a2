#!/bin/bash
sqlplus -s reporting/Y0J~yqt!fGyKHDmU@oracle.acme-corp.com:1521/ORCLPDB1 @export.sql
