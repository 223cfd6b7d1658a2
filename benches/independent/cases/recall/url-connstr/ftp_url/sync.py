from ftplib import FTP
import urllib.request
urllib.request.urlretrieve("ftp://exports:LPD8UK-f1I*~1%*q@ftp.acme-corp.com/daily/report.csv", "report.csv")
