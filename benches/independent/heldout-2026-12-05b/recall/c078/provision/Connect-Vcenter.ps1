$cred = New-Object System.Management.Automation.PSCredential("administrator@vsphere.local", (ConvertTo-SecureString -String 'Q91*^x9mSISBT!FV' -AsPlainText -Force))
Connect-VIServer -Server vcenter.corp.local -Credential $cred
