#!/bin/sh
curl -s -H "Authorization: Bearer MjU4NTAwNDI2OTQzOvAvD+NUKBhKHGI4+symDBqhpkOT" https://jira.corp.acme.com/rest/api/2/myself
