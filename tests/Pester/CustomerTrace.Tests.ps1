# "The customer is converted in HQ but not found in POS": Get-CommerceCustomerTrace walks one customer through the chain
# (async-customer-mode-faq.md: P-job, Synchronize customers and channel requests, 1010) and names the first missing step
# with the command that fixes it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-TraceStore {
        New-TestStore | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName Tracy -LastName Trace
    }
}

Describe 'Get-CommerceCustomerTrace names where a customer stopped' {
    BeforeEach { $c = New-TraceStore }

    It 'at the upload, before the P-job ran' {
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId
        $t | Should -BeOfType CommerceSync.CustomerTrace
        $t.ChannelId | Should -Be 'S0001'
        $t.Steps.Step | Should -Be 'Created', 'Uploaded'
        $t.Steps.Status | Should -Be 'Done', 'Missing'
        $t.StoppedAt | Should -Be 'Uploaded'
        $t.Fix | Should -Be 'Invoke-PJob -Channel S0001'
    }

    It 'at the conversion, with the session that uploaded it' {
        $run = Invoke-PJob
        $t = $c | Get-CommerceCustomerTrace
        $up = $t.Steps | Where-Object Step -eq Uploaded
        $up.Status | Should -Be 'Done'
        $up.RunId | Should -Be $run.RunId
        $up.SessionId | Should -Be (Get-CommerceDataSession -Type Upload -Channel S0001).SessionId
        $t.StoppedAt | Should -Be 'Converted'
        $t.Fix | Should -Be 'Convert-AsyncCustomer -Channel S0001'
    }

    It 'at the conversion the sync job refused, with the reason and the correction' {
        $bad = New-AsyncCustomer S0001 -FirstName Bad -Email 'not-an-email'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $bad.AsyncCustomerId
        $conv = $t.Steps | Where-Object Step -eq Converted
        $conv.Status | Should -Be 'Failed'
        $conv.Detail | Should -Match 'email'
        $t.Fix | Should -Match 'Set-AsyncCustomerOperation'
    }

    It 'at each database job 1010 has not reached yet' {
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId
        $t.AccountNumber | Should -Match '^C\d+'
        ($t.Steps | Where-Object Step -eq Converted).Status | Should -Be 'Done'
        @($t.Steps | Where-Object Step -eq Downloaded) | Should -HaveCount 3 -Because 'S0001, its offline database, and S0002'
        $t.StoppedAt | Should -Be 'Downloaded at S0001 (Channel database)'
        $t.Fix | Should -Be 'Invoke-Job1010 -Channel S0001'
    }

    It 'nowhere once every database has it, each with the run and session that brought it' {
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId
        $t.StoppedAt | Should -BeNullOrEmpty
        $t.Fix | Should -BeNullOrEmpty
        $t.Steps.Status | Sort-Object -Unique | Should -Be 'Done'
        $t.Steps | Where-Object Step -eq Downloaded | ForEach-Object { $_.SessionId | Should -Not -BeNullOrEmpty; $_.RunId | Should -Not -BeNullOrEmpty }
        ($t | Format-List | Out-String) | Should -Match 'every store has it'
    }

    It 'at a store outside job 1010''s groups, with the schedule change that fixes it' {
        Set-CommerceChannel S0002 -DatabaseGroup Outlets
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId
        $t.StoppedAt | Should -Be 'Downloaded at S0002 (Channel database)'
        ($t.Steps | Where-Object ChannelId -eq S0002).Detail | Should -Match 'group Outlets'
        $t.Fix | Should -Be 'Set-CommerceDistributionSchedule -ScheduleId 1010 -DatabaseGroup Default, Outlets'
        Invoke-Expression $t.Fix
        Invoke-Job1010 | Out-Null
        (Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId).StoppedAt | Should -BeNullOrEmpty -Because 'the fix it named was the fix'
    }

    It 'not at an offline database the schedule excludes: that step is Skipped' {
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId
        ($t.Steps | Where-Object { $_.Step -eq 'Downloaded' -and $_.Database -eq 'Offline' }).Status | Should -Be 'Skipped'
        $t.StoppedAt | Should -BeNullOrEmpty
    }

    It 'at a store that holds an older version after a change at HQ' {
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $account = (Get-CommerceCustomerTrace -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
        Set-AsyncCustomer -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Phone '+1 206 555 0199' | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $t = Get-CommerceCustomerTrace -AccountNumber $account
        $t.AsyncCustomerId | Should -Be $c.AsyncCustomerId -Because 'an account that came from an async customer is traced from its store'
        ($t.Steps | Where-Object ChannelId -eq S0002 | Where-Object Step -eq Downloaded).Detail | Should -Match 'older version'
        $t.Fix | Should -Match '^Invoke-Job1010'
    }

    It 'at its creation while it is in the offline database of its registers' {
        Set-CommerceChannel S0001 -Offline
        $off = New-AsyncCustomer S0001 -FirstName Off -LastName Line
        $t = Get-CommerceCustomerTrace -AsyncCustomerId $off.AsyncCustomerId
        $t.StoppedAt | Should -Be 'Created'
        $t.Fix | Should -Be 'Set-CommerceChannel -Channel S0001 -Offline:$false'
    }

    It 'traces a customer created at HQ from its account, and each customer piped in' {
        Set-CommerceChannel S0002 -AsyncCustomerMode:$false
        $hq = New-CommerceCustomer -Channel S0002 -FirstName Real -LastName Time
        $t = Get-CommerceCustomerTrace $hq.AccountNumber
        $t.ChannelId | Should -BeNullOrEmpty
        $t.Steps[0].Step | Should -Be 'Converted'
        $t.Steps[0].Detail | Should -Match 'created at HQ'
        New-AsyncCustomer S0002 -FirstName Second | Out-Null
        @(Get-AsyncCustomer | Get-CommerceCustomerTrace) | Should -HaveCount 2
    }

    It 'says CustomerNotFound, AsyncCustomerNotFound or CustomerRequired and goes on with the rest' {
        { Get-CommerceCustomerTrace C999999 -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerNotFound,*'
        { Get-CommerceCustomerTrace -AsyncCustomerId ([guid]::NewGuid()) -ErrorAction Stop } | Should -Throw -ErrorId 'AsyncCustomerNotFound,*'
        { Get-CommerceCustomerTrace '' -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerRequired,*'
        $out = @([pscustomobject]@{ AccountNumber = 'C999999' }, $c | Get-CommerceCustomerTrace -ErrorVariable err -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 1
        $err | Should -HaveCount 1
    }

    It 'traces every customer when none is named' {
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        New-AsyncCustomer S0002 -FirstName Waiting | Out-Null
        $all = @(Get-CommerceCustomerTrace)
        $all | Should -HaveCount 2
        @($all | Where-Object StoppedAt).ChannelId | Should -Be 'S0002' -Because 'only the new one has not reached every store'
    }

    It 'refuses an object piped in with no customer reference' {
        $err = $null
        $out = @([pscustomobject]@{ AccountNumber = $null } | Get-CommerceCustomerTrace -ErrorVariable err -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 0 -Because 'an object with no customer reference is not "every customer"'
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CustomerRequired,*'
    }
}
