# A runbook is a script a scheduler runs as `pwsh -NonInteractive -File` with $ErrorActionPreference = 'Stop': its exit
# code and its log are all anybody sees. These tests run the user's lines that way.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-StoreWithOneBadCustomer {
        # Two customers HQ accepts and one it refuses for the email.
        $location = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName Good -LastName One | Out-Null
        New-AsyncCustomer S0001 -FirstName Bad -LastName Email -Email 'not-an-email' | Out-Null
        New-AsyncCustomer S0001 -FirstName Good -LastName Two | Out-Null
        $location
    }

    function Invoke-Runbook([string] $Store, [string] $Body) {
        # The runbook as a scheduler runs it; returns its exit code and everything it printed.
        $file = Join-Path $TestDrive "runbook-$(New-Guid).ps1"
        Set-Content -LiteralPath $file -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModuleManifest'
Connect-CommerceStore $(if ($OnPostgres) { '-ConnectionString' }) '$Store' | Out-Null
$Body
"@
        $out = & $Pwsh -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out -join "`n" }
    }
}

Describe 'A runbook sees every failure' {
    It 'exits non-zero when the bulk chain fails a customer' {
        $db = New-StoreWithOneBadCustomer
        $r = Invoke-Runbook $db 'Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010'
        $r.ExitCode | Should -Not -Be 0 -Because 'one customer is stuck, so the runbook did not succeed'
        $r.Output | Should -Match 'RecordsFailed|1 of 3'
    }

    It 'exits 0 when every customer converts' {
        $db = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName Good | Out-Null
        $r = Invoke-Runbook $db 'Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null'
        $r.ExitCode | Should -Be 0 -Because $r.Output
    }

    It 'writes RecordsFailed in bulk mode with the run as target, the count and the reason' {
        New-StoreWithOneBadCustomer | Out-Null
        Invoke-PJob | Out-Null
        $run = Convert-AsyncCustomer -ErrorVariable failures -ErrorAction SilentlyContinue
        $? | Should -BeFalse
        $run.Failed | Should -Be 1 -Because 'the run still comes out, for the next step and the log'
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'RecordsFailed,CommerceSync.ConvertAsyncCustomer'
        $failures[0].TargetObject.RunId | Should -Be $run.RunId
        $failures[0].Exception.Message | Should -Match '1 of 3'
        $failures[0].Exception.Message | Should -Match 'email'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'writes RecordsFailed in record mode too, after the records' {
        New-StoreWithOneBadCustomer | Out-Null
        $out = Get-AsyncCustomer | Invoke-PJob | Convert-AsyncCustomer -ErrorVariable failures -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 2
        @($failures | Where-Object FullyQualifiedErrorId -eq 'RecordsFailed,CommerceSync.ConvertAsyncCustomer').Count | Should -Be 1
        @($failures | Where-Object FullyQualifiedErrorId -eq 'ValidationFailed,CommerceSync.ConvertAsyncCustomer').Count | Should -Be 1
    }

    It 'ends a record-mode run that -ErrorAction Stop stopped as Failed, with the error, at once' {
        New-StoreWithOneBadCustomer | Out-Null
        { Get-AsyncCustomer | Invoke-PJob | Convert-AsyncCustomer -ErrorAction Stop } | Should -Throw -ErrorId 'ValidationFailed,CommerceSync.ConvertAsyncCustomer'
        $run = Get-CommerceJobRun -Job 'Synchronize*' -Last 1
        $run.Status | Should -Be 'Failed'
        $run.Message | Should -Match 'email'
        $run.Finished | Should -Not -BeNullOrEmpty
    }

    It 'writes one Information record tagged CommerceSync per run, with its summary' {
        New-StoreWithOneBadCustomer | Out-Null
        Invoke-PJob -InformationVariable info | Out-Null
        $records = @($info | Where-Object { $_.Tags -contains 'CommerceSync' })
        $records.Count | Should -Be 1
        "$($records[0].MessageData)" | Should -Match 'P-job run \d+: Completed, 3 processed, 0 failed'
        Get-AsyncCustomer | Convert-AsyncCustomer -InformationVariable info2 -ErrorAction SilentlyContinue | Out-Null
        @($info2 | Where-Object { $_.Tags -contains 'CommerceSync' }).Count | Should -Be 1
    }

    It 'leaves the log to Start-Transcript' {
        $db = New-StoreWithOneBadCustomer
        $log = Join-Path $TestDrive "transcript-$(New-Guid).txt"
        $r = Invoke-Runbook $db "Start-Transcript -Path '$log' | Out-Null; `$InformationPreference = 'Continue'; Invoke-PJob | Out-Null; Stop-Transcript | Out-Null"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        Get-Content $log -Raw | Should -Match 'P-job run \d+: Completed, 3 processed'
    }
}

Describe 'A store that cannot be reached' {
    It 'names an unknown PostgreSQL host StoreUnavailable, with the store and without its password' {
        $cs = 'Host=no-such-host.invalid;Database=retail;Username=admin;Password=S3cretPw;Timeout=3'
        $e = { Get-CommerceStore -Store $cs -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'StoreUnavailable,CommerceSync.GetCommerceStore'
        $e.Exception.Message | Should -Match 'no-such-host.invalid'
        "$($e.Exception.Message) $($e.TargetObject)" | Should -Not -Match 'S3cretPw'
    }
}

Describe 'Invoke-AsyncCustomerConversion runs the cycle as admins schedule it' {
    It 'runs the P-job, the sync job, Synchronize orders and job 1010 in order, and says what is left' {
        New-StoreWithOneBadCustomer | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        $order = New-AsyncCustomer S0002 -FirstName Orders | New-CommerceTransaction -Type CustomerOrder -Amount 12
        $r = Invoke-AsyncCustomerConversion -ErrorAction SilentlyContinue -ErrorVariable failures
        $r | Should -BeOfType CommerceSync.ConversionResult
        $r.Runs.Job | Should -Be @('P-job', 'Synchronize customers and channel requests', 'Synchronize orders', '1010')
        $r.Converted | Should -Be 3 -Because 'two good customers at S0001 and the one the order references'
        $r.Distributed | Should -Be 3
        $r.Failed | Should -Be 1
        $r.Pending | Should -Be 0
        $r.Succeeded | Should -BeFalse
        @($failures | Where-Object FullyQualifiedErrorId -like 'RecordsFailed,*').Count | Should -BeGreaterOrEqual 1
        (Get-CommerceTransaction -TransactionId $order.TransactionId -Channel S0002).Status | Should -Be 'Synchronized'
    }

    It 'succeeds on a clean store, scoped by a wildcard -Channel' {
        New-TestStore | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel X0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName A | Out-Null
        New-AsyncCustomer X0001 -FirstName B | Out-Null
        $r = Invoke-AsyncCustomerConversion -Channel 'S*'
        $r.Succeeded | Should -BeTrue
        $r.ChannelIds | Should -Be @('S0001')
        $r.Converted | Should -Be 1
        @(Get-AsyncCustomer -Channel X0001 -Status Pending).Count | Should -Be 1 -Because 'X0001 was not in scope'
    }

    It 'changes nothing with -WhatIf' {
        New-StoreWithOneBadCustomer | Out-Null
        Invoke-AsyncCustomerConversion -WhatIf | Should -BeNullOrEmpty
        @(Get-AsyncCustomer -Status Pending).Count | Should -Be 3
    }

    It 'is the one line of a runbook: exit code 0 when every customer converts, non-zero when one is stuck' {
        $db = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName Good | Out-Null
        (Invoke-Runbook $db 'Invoke-AsyncCustomerConversion | Out-Null; Assert-CommerceSync').ExitCode | Should -Be 0
        $bad = New-StoreWithOneBadCustomer
        $r = Invoke-Runbook $bad 'Invoke-AsyncCustomerConversion -ErrorAction SilentlyContinue | Out-Null; Assert-CommerceSync'
        $r.ExitCode | Should -Not -Be 0
        $r.Output | Should -Match 'CommerceSyncUnhealthy|not healthy'
    }
}

Describe 'Assert-CommerceSync' {
    It 'throws CommerceSyncUnhealthy listing what is wrong, with the thresholds of Test-CommerceSync' {
        New-StoreWithOneBadCustomer | Out-Null
        Invoke-AsyncCustomerConversion -ErrorAction SilentlyContinue | Out-Null
        $e = { Assert-CommerceSync } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'CommerceSyncUnhealthy,CommerceSync.AssertCommerceSync'
        $e.Exception.Message | Should -Match 'Failed'
        @($e.TargetObject).Passed | Should -Not -Contain $true
        { Assert-CommerceSync -MaxFailed 1 } | Should -Not -Throw
        Test-CommerceSync -MaxFailed 1 | Should -BeTrue
        @(Assert-CommerceSync -MaxFailed 1 -PassThru).Count | Should -BeGreaterThan 0
    }
}

Describe 'Every -Channel takes wildcards' {
    It 'scopes a job with S* and says ChannelNotFound for a pattern that matches nothing' {
        New-TestStore | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel X0001 -AsyncCustomerMode | Out-Null
        'S0001', 'S0002', 'X0001' | ForEach-Object { New-AsyncCustomer $_ -FirstName "C$_" | Out-Null }
        (Invoke-PJob -Channel 'S*').ChannelIds | Sort-Object | Should -Be @('S0001', 'S0002')
        @(Get-AsyncCustomer -Channel X0001 -Status Pending).Count | Should -Be 1
        { Invoke-PJob -Channel 'Q*' -ErrorAction Stop } | Should -Throw -ErrorId 'ChannelNotFound,CommerceSync.InvokePJob'
    }
}
