BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Three stores: two in USRT (one with an offline database), one in another legal entity.
    function New-ConversionStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId F0001 -AsyncCustomerMode -DataAreaId FRRT -DefaultCurrency EUR | Out-Null
        foreach ($ch in 'S0001', 'S0002', 'F0001') {
            1..4 | ForEach-Object {
                New-AsyncCustomer -Channel $ch -FirstName "First$_" -LastName $ch -Email "c$_.$ch@example.com".ToLower() `
                    -Street "$_ Main St" -City Town -Country USA -Attribute @{ Tier = $_ } | Out-Null
            }
        }
        # Two the sync job must refuse.
        New-AsyncCustomer -Channel S0001 -FirstName Bad -LastName Email -Email 'not-an-email' | Out-Null
        New-AsyncCustomer -Channel S0002 -FirstName Bad -LastName Currency -Currency 'EURO' | Out-Null
    }

    # The state a correct conversion must reach, whatever the order of the runs.
    function Assert-Converted {
        $all = Get-AsyncCustomer
        $valid = $all | Where-Object LastName -ne 'Email' | Where-Object LastName -ne 'Currency'
        $valid.Count | Should -Be 12
        foreach ($c in $valid) {
            $c.Status | Should -Be 'Distributed'
            @(Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).Count | Should -Be 1 -Because 'each async customer gets exactly one account'
        }
        # Account numbers are unique within a legal entity; each entity has its own sequence.
        $accounts = Get-CommerceCustomer | ForEach-Object { "$($_.DataAreaId)|$($_.AccountNumber)" }
        $accounts.Count | Should -Be 12
        ($accounts | Sort-Object -Unique).Count | Should -Be 12
        $failed = $all | Where-Object Status -eq 'Failed'
        $failed.LastName | Sort-Object | Should -Be @('Currency', 'Email')
        ($failed | Where-Object LastName -eq 'Email').Error | Should -Match 'email'
        ($failed | Where-Object LastName -eq 'Currency').Error | Should -Match 'currency'
        # Every channel of a legal entity sees every customer of that entity, with its account number.
        foreach ($ch in 'S0001', 'S0002') {
            $view = Get-CommerceCustomer -Channel $ch | Where-Object SyncStatus -eq 'Synced'
            $view.Count | Should -Be 8
        }
        (Get-CommerceCustomer -Channel F0001 | Where-Object SyncStatus -eq 'Synced').Count | Should -Be 4
        (Get-CommerceCustomer -Channel S0001 -Offline).Count | Should -Be 8
    }

    function Get-StateFingerprint {
        $a = Get-AsyncCustomer | ForEach-Object { "$($_.AsyncCustomerId)|$($_.Status)|$($_.AccountNumber)|$($_.Error)" }
        $c = Get-CommerceCustomer | ForEach-Object { "$($_.AccountNumber)|$($_.AsyncCustomerId)|$($_.Addresses.Count)|$($_.Attributes.Count)" }
        $v = 'S0001', 'S0002', 'F0001' | ForEach-Object { Get-CommerceCustomer -Channel $_ | ForEach-Object { "$($_.ViewChannelId)|$($_.AccountNumber)|$($_.AsyncCustomerId)" } }
        ($a + $c + $v) -join "`n"
    }
}

Describe 'Converting async customers: the three steps' {
    BeforeEach { New-ConversionStore }

    It 'bulk form: Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 converts every valid customer exactly once' {
        $runs = Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010
        $runs | Should -BeOfType CommerceSync.JobRun
        $runs.Job | Should -Be '1010'
        Assert-Converted
        $history = Get-CommerceJobRun
        $history.Count | Should -Be 3
        ($history | Where-Object Job -eq 'P-job').Processed | Should -Be (14 + 12 + 12)
        $sync = $history | Where-Object Job -eq 'Synchronize customers and channel requests'
        $sync.Status | Should -Be 'CompletedWithErrors'
        $sync.Failed | Should -Be 2
        $sync.SourceRunId | Should -Be ($history | Where-Object Job -eq 'P-job').RunId
    }

    It 'record form: Get-AsyncCustomer -Status Pending | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 emits the converted customers' {
        $out = Get-AsyncCustomer -Status Pending | Invoke-PJob | Convert-AsyncCustomer -ErrorVariable err -ErrorAction SilentlyContinue | Invoke-Job1010
        $out.Count | Should -Be 12
        $out | Should -BeOfType CommerceSync.Customer
        $out.AccountNumber | Should -Match '^C\d{6}$'
        # One error per refused record, then one for the run (what a runbook stops on).
        $err.Count | Should -Be 3
        ($err | Where-Object FullyQualifiedErrorId -eq 'ValidationFailed,CommerceSync.ConvertAsyncCustomer').Count | Should -Be 2
        $err[0].TargetObject | Should -BeOfType CommerceSync.AsyncCustomer
        $err[2].FullyQualifiedErrorId | Should -Be 'RecordsFailed,CommerceSync.ConvertAsyncCustomer'
        $err[2].TargetObject | Should -BeOfType CommerceSync.JobRun
        Assert-Converted
        (Get-CommerceJobRun).Mode | Sort-Object -Unique | Should -Be 'Record'
    }

    It 'one channel by pipeline and the rest in bulk reach the same end' {
        Get-AsyncCustomer -Status Pending -Channel S0001 | Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null
        Invoke-PJob -Channel S0002, F0001 | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null
        Assert-Converted
    }

    It 'running the whole chain again changes nothing' {
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 | Out-Null
        $before = Get-StateFingerprint
        $again = @(Invoke-PJob; Convert-AsyncCustomer; Invoke-Job1010)
        $again.Processed | Should -Be @(0, 0, 0)
        Get-StateFingerprint | Should -Be $before
        Get-AsyncCustomer -Status Pending | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Should -BeNullOrEmpty
        Get-StateFingerprint | Should -Be $before
    }

    It 'shows Pending sync at the originating store until job 1010 runs, and nothing at other stores' {
        $c = Get-AsyncCustomer -Channel S0001 | Select-Object -First 1
        $atOrigin = Get-CommerceCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId
        $atOrigin.SyncStatus | Should -Be 'Pending sync'
        $atOrigin.DisplayAccount | Should -Be 'Pending sync'
        Get-CommerceCustomer -Channel S0002 -AsyncCustomerId $c.AsyncCustomerId | Should -BeNullOrEmpty
        Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId | Should -BeNullOrEmpty -Because 'HQ has not received it'

        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $hq = Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId
        $hq.AccountNumber | Should -Match '^C\d{6}$'
        (Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId).Status | Should -Be 'Converted'
        (Get-CommerceCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId).SyncStatus | Should -Be 'Pending sync'

        Invoke-Job1010 | Out-Null
        $after = Get-CommerceCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId
        $after.AccountNumber | Should -Be $hq.AccountNumber
        $after.SyncStatus | Should -Be 'Synced'
        (Get-CommerceCustomer -Channel S0002 -AccountNumber $hq.AccountNumber).AsyncCustomerId | Should -Be $c.AsyncCustomerId
    }

    It 'carries addresses and typed attributes to HQ' {
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $c = Get-CommerceCustomer | Where-Object Name -eq 'First2 S0002'
        $c.Addresses.Street | Should -Be '2 Main St'
        $c.Attributes.Name | Should -Be 'Tier'
        "$($c.Attributes.DataType)" | Should -Be 'Integer'
        $c.Attributes.Value | Should -Be '2'
    }

    It 'numbers accounts per legal entity from the configured sequence' {
        $p = Join-Path $TestDrive 'fmt.db'
        New-CommerceStore -Path $p -AccountNumberFormat 'US-####' | Connect-CommerceStore | Out-Null
        New-CommerceChannel S1 -AsyncCustomerMode | Out-Null
        New-CommerceChannel F1 -AsyncCustomerMode -DataAreaId FRRT | Out-Null
        'S1', 'S1', 'F1' | ForEach-Object { New-AsyncCustomer -Channel $_ -FirstName N } | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer | Sort-Object DataAreaId, AccountNumber | ForEach-Object { "$($_.DataAreaId):$($_.AccountNumber)" }) |
            Should -Be @('FRRT:US-0001', 'USRT:US-0001', 'USRT:US-0002')
        { New-CommerceStore -Path (Join-Path $TestDrive 'bad.db') -AccountNumberFormat 'C#' -ErrorAction Stop } |
            Should -Throw -ErrorId 'AccountNumberFormatInvalid,CommerceSync.NewCommerceStore'
    }

    It 'honours "Exclude from offline databases"' {
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Invoke-Job1010 -ExcludeOfflineDatabase | Out-Null
        Get-CommerceCustomer -Channel S0001 -Offline | Should -BeNullOrEmpty
        (Get-CommerceCustomer -Channel S0001 | Where-Object SyncStatus -eq 'Synced').Count | Should -Be 8
        Invoke-Job1010 | Out-Null
        (Get-CommerceCustomer -Channel S0001 -Offline).Count | Should -Be 8
    }

    It 'changes nothing with -WhatIf at any step' {
        $before = Get-StateFingerprint
        Invoke-PJob -WhatIf | Should -BeNullOrEmpty
        Get-StateFingerprint | Should -Be $before
        Invoke-PJob | Out-Null
        $uploaded = Get-StateFingerprint
        Convert-AsyncCustomer -WhatIf | Should -BeNullOrEmpty
        Get-AsyncCustomer | Convert-AsyncCustomer -WhatIf | Should -BeNullOrEmpty
        Get-StateFingerprint | Should -Be $uploaded
        Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $converted = Get-StateFingerprint
        Invoke-Job1010 -WhatIf | Should -BeNullOrEmpty
        Get-StateFingerprint | Should -Be $converted
        (Get-CommerceJobRun).Count | Should -Be 2
    }

    It 'says with -WhatIf what each step would do, with counts' {
        $store = Join-Path $TestDrive 'whatif.db'
        $lines = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
New-CommerceStore '$store' | Connect-CommerceStore | Out-Null
New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
New-AsyncCustomer S0001 -FirstName Ann -Address @{ Street = '1 A St'; Country = 'USA' } | Out-Null
New-AsyncCustomer S0001 -FirstName Bob | Out-Null
New-AsyncCustomer S0001 -FirstName Bad -Email 'not-an-email' | Out-Null
Invoke-PJob -WhatIf
Invoke-PJob | Out-Null
Convert-AsyncCustomer -WhatIf
Get-AsyncCustomer -Name Ann | Convert-AsyncCustomer -WhatIf
"@
        $text = $lines -join "`n"
        $text | Should -Match 'What if: .*"Upload to HQ \(P-job\)".*all channels: 3 customer, 1 address, 0 attribute and 0 transaction rows due'
        $text | Should -Match 'What if: .*"Synchronize customers and channel requests".*all channels: create 2 customer accounts, link 0 already converted, 1 would fail validation'
        $text | Should -Match 'What if: .*async customer [0-9a-f-]{36} \(Ann\) -> new customer account'
        @(Get-CommerceCustomer -Store $store) | Should -BeNullOrEmpty
    }

    It 'a fixed failure is retried with -AsyncCustomerId; an unknown id is reported' {
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $bad = Get-AsyncCustomer -Status Failed | Where-Object LastName -eq 'Email'
        Convert-AsyncCustomer -AsyncCustomerId $bad.AsyncCustomerId -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ValidationFailed,CommerceSync.ConvertAsyncCustomer'
        Convert-AsyncCustomer -AsyncCustomerId ([guid]::NewGuid()) -ErrorVariable err2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err2[0].FullyQualifiedErrorId | Should -Be 'AsyncCustomerNotFound,CommerceSync.ConvertAsyncCustomer'
    }

    It 'reports a customer that is not uploaded yet instead of converting it' {
        $c = Get-AsyncCustomer -Channel S0002 | Select-Object -First 1
        $c | Convert-AsyncCustomer -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'NotUploaded,CommerceSync.ConvertAsyncCustomer'
        $c | Invoke-Job1010 -ErrorVariable err3 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err3[0].FullyQualifiedErrorId | Should -Be 'NotConverted,CommerceSync.InvokeJob1010'
    }

    It 'a JobRun piped on scopes the next job to that run''s channels' {
        $s1 = Get-AsyncCustomer -Channel S0001 | Select-Object -First 1
        $s1 | Invoke-PJob | Out-Null                       # S0001 is uploaded, but by an earlier run
        $upload = Invoke-PJob -Channel S0002               # this run uploads S0002 only
        $sync = $upload | Convert-AsyncCustomer -ErrorAction SilentlyContinue
        @(Get-AsyncCustomer -Channel S0001 -Status Uploaded).Count | Should -Be 1 -Because 'the piped run did not upload S0001'
        @(Get-AsyncCustomer -Channel S0001 -Status Pending).Count | Should -Be 4
        (Get-AsyncCustomer -Channel S0002 -Status Converted).Count | Should -Be 4
        $dist = $sync | Invoke-Job1010
        $dist.SourceRunId | Should -Be $sync.RunId
        (Get-AsyncCustomer -Channel S0002 -Status Distributed).Count | Should -Be 4
    }

    It 'several JobRuns piped on make one run over the channels they name' {
        $uploads = @(Invoke-PJob -Channel S0001; Invoke-PJob -Channel S0002)
        $sync = @($uploads | Convert-AsyncCustomer -ErrorAction SilentlyContinue)
        $sync.Count | Should -Be 1 -Because 'one run serves every run piped in, instead of one run each'
        $sync[0].ChannelIds | Sort-Object | Should -Be @('S0001', 'S0002')
        @(Get-AsyncCustomer -Channel F0001 -Status Pending).Count | Should -Be 4 -Because 'no run piped in named F0001'
        (Get-AsyncCustomer -Channel S0001 -Status Converted).Count | Should -Be 4
        (Get-AsyncCustomer -Channel S0002 -Status Converted).Count | Should -Be 4
    }

    It 'the one-line chain resumes what an interrupted chain left' {
        Invoke-PJob | Out-Null                              # the chain stopped after the P-job last night
        $sync = Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue
        $sync.Processed | Should -BeGreaterThan 0 -Because 'the new P-job run uploaded nothing, but its channels still had work due'
        $sync | Invoke-Job1010 | Out-Null
        Assert-Converted
    }

    It 'refuses a JobRun of the wrong job' {
        $pjob = Invoke-PJob
        { $pjob | Invoke-Job1010 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.InvokeJob1010'
    }

    It 'a pipeline that delivers nothing runs nothing' {
        Get-AsyncCustomer -Status Converted | Invoke-PJob | Should -BeNullOrEmpty
        Get-CommerceJobRun | Should -BeNullOrEmpty
    }

    It 'writes verbose lines that say what ran and how many rows' {
        $verbose = Invoke-PJob -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Uploaded \d+ rows'
        ($verbose.Message -join "`n") | Should -Match 'processed'
    }
}
