@echo off
set DEPLOY_USER=svc_deploy
set DEPLOY_PASSWORD=sv!a6L3sRMYvqK1!
msdeploy.exe -verb:sync -source:package=app.zip -dest:auto,computerName=web01,userName=%DEPLOY_USER%,password=%DEPLOY_PASSWORD%
