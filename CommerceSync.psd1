@{
    RootModule           = 'module/CommerceSync.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0c7f3e-8d2a-4c61-9f4e-2a7d1c3b9e10'
    Author               = 'CommerceSync'
    CompanyName          = 'CommerceSync'
    Copyright            = '(c) 2026 CommerceSync. MIT License.'
    Description          = 'Rehearse, script, test and audit the Dynamics 365 Commerce conversion of asynchronous customers to synchronous customers: P-job, Synchronize customers and channel requests, job 1010, over one SQLite store.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies   = @()
    FormatsToProcess     = @('module/CommerceSync.format.ps1xml')
    FunctionsToExport    = @()
    CmdletsToExport      = @(
        'New-CommerceStore', 'Connect-CommerceStore', 'Disconnect-CommerceStore', 'Get-CommerceStore',
        'New-CommerceChannel', 'Get-CommerceChannel', 'Set-CommerceChannel', 'Get-CommerceDistributionSchedule', 'Set-CommerceDistributionSchedule', 'Get-CommerceDataSession', 'Get-CommerceCustomerTrace',
        'Get-CommerceFeature', 'Enable-CommerceFeature', 'Disable-CommerceFeature',
        'New-AsyncCustomer', 'Get-AsyncCustomer', 'New-AsyncCustomerAddress', 'Set-AsyncCustomerAddress', 'Disable-AsyncCustomerAddress',
        'Invoke-PJob', 'Convert-AsyncCustomer', 'Invoke-Job1010', 'Invoke-AsyncCustomerConversion',
        'Get-CommerceCustomer', 'Get-CommerceJobRun',
        'New-CommerceTransaction', 'Get-CommerceTransaction', 'Sync-CommerceOrder', 'Get-CommerceSalesOrder',
        'Invoke-CommerceTransactionValidation', 'Invoke-StatementPosting', 'Get-CommerceStatement',
        'New-CommerceCustomer', 'Set-AsyncCustomer', 'Disable-AsyncCustomer', 'Get-AsyncCustomerOperation', 'Set-AsyncCustomerOperation',
        'Find-CommerceCustomer', 'Add-CommerceLoyaltyCard', 'Get-CommerceLoyaltyCard', 'Set-CommerceStore', 'Test-CommerceStore', 'Backup-CommerceStore',
        'Get-CommerceSyncReport', 'Test-CommerceSync', 'Assert-CommerceSync', 'Find-CommerceDuplicateCustomer', 'Export-CommerceData', 'Import-CommerceData',
        'Import-AsyncCustomer',
        'New-CommerceCustomerAttribute', 'Get-CommerceCustomerAttribute'
    )
    VariablesToExport    = @()
    AliasesToExport      = @('Sync-CustomerAndChannelRequest', 'Sync-CustomerAndBusinessPartner')
    PrivateData          = @{
        PSData = @{
            Tags       = @('Dynamics365', 'Commerce', 'Retail', 'CDX', 'SQLite', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'macOS')
            ProjectUri   = 'https://github.com/commercesync/CommerceSync'
            LicenseUri   = 'https://github.com/commercesync/CommerceSync/blob/main/LICENSE'
            IconUri      = 'https://raw.githubusercontent.com/commercesync/CommerceSync/main/docs/icon.png'
            # build.ps1 Package writes the packaged version's section of CHANGELOG.md here.
            ReleaseNotes = ''
        }
    }
}
