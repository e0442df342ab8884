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
