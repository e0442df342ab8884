# Commerce Data Exchange sessions (dev-itpro/define-retail-channel-communications-cdx.md): every P-job upload of a channel and
# every job 1010 download into a database is a session an admin reads when something did not arrive.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # S0001 with an offline database, S0002; two customers at S0001 (one with an address), one at S0002.
    function New-SessionStore {
        New-TestStore | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName Ann -LastName One -Street '1 Main St' -City Town -Country USA | Out-Null
        New-AsyncCustomer S0001 -FirstName Bo -LastName Two | Out-Null
        New-AsyncCustomer S0002 -FirstName Cy -LastName Three | Out-Null
    }
}

Describe 'Get-CommerceDataSession' {
    BeforeEach { New-SessionStore }

    It 'shows one upload session per channel for a P-job run, with the rows it uploaded' {
        $run = Invoke-PJob
        $up = @(Get-CommerceDataSession -Type Upload)
        $up | Should -HaveCount 2
        $up[0] | Should -BeOfType CommerceSync.DataSession
        $s1 = $up | Where-Object ChannelId -eq S0001
        $s1.Rows | Should -Be 3 -Because 'two customer rows and one address row'
        $s1.ScheduleId | Should -Be 'P-0001'
        $s1.Status | Should -Be 'Applied'
        $s1.Database | Should -Be 'Channel'
        $s1.RunId | Should -Be $run.RunId
        ($up | Where-Object ChannelId -eq S0002).Rows | Should -Be 1
        ($up.Rows | Measure-Object -Sum).Sum | Should -Be $run.Processed
        Invoke-PJob | Out-Null
        @(Get-CommerceDataSession -Type Upload) | Should -HaveCount 2 -Because 'a run that uploads nothing opens no session'
    }

    It 'shows one download session per database for a job 1010 run, with the customers it wrote' {
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $run = Invoke-Job1010
        $down = @(Get-CommerceDataSession -Type Download)
        $down | Should -HaveCount 3 -Because 'S0001, its offline database, and S0002'
        $down | ForEach-Object { $_.Rows | Should -Be 3; $_.ScheduleId | Should -Be '1010'; $_.Status | Should -Be 'Applied'; $_.RunId | Should -Be $run.RunId }
        @(Get-CommerceDataSession -Database Offline).ChannelId | Should -Be 'S0001'
        ($down.Rows | Measure-Object -Sum).Sum | Should -Be $run.Processed
    }

    It 'shows an offline database the schedule leaves out as Skipped, in every run' {
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        $skipped = @(Get-CommerceDataSession -Status Skipped)
        $skipped | Should -HaveCount 1
        $skipped[0].ChannelId | Should -Be 'S0001'
        $skipped[0].Database | Should -Be 'Offline'
        $skipped[0].Rows | Should -Be 0
        Invoke-Job1010 | Out-Null
        @(Get-CommerceDataSession -Status Skipped) | Should -HaveCount 2
        @(Get-CommerceDataSession -Status Applied -Type Download) | Should -HaveCount 2 -Because 'the second run had nothing new to write'
    }

    It 'takes the runs a job wrote from the pipeline, and filters by channel with wildcards' {
        $upload = Invoke-PJob
        $distribution = $upload | Convert-AsyncCustomer | Invoke-Job1010
        @($distribution | Get-CommerceDataSession).RunId | Sort-Object -Unique | Should -Be $distribution.RunId
        @($upload | Get-CommerceDataSession).Type | Sort-Object -Unique | Should -Be 'Upload'
        @(Get-CommerceDataSession -Channel S*2).ChannelId | Sort-Object -Unique | Should -Be 'S0002'
        @(Get-CommerceChannel S0002 | Get-CommerceDataSession).ChannelId | Sort-Object -Unique | Should -Be 'S0002'
        { Get-CommerceDataSession -Channel Z* -ErrorAction Stop } | Should -Throw -ErrorId 'ChannelNotFound,*'
        $newest = @(Get-CommerceDataSession -Last 2)
        $newest | Should -HaveCount 2
        $newest[1].SessionId | Should -Be (Get-CommerceDataSession | Select-Object -Last 1).SessionId
    }

    It 'records sessions of record mode and of a full data sync' {
        Get-AsyncCustomer -Channel S0002 | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        (Get-CommerceDataSession -Type Upload).ChannelId | Should -Be 'S0002'
        @(Get-CommerceDataSession -Type Download).Count | Should -Be 3
        $full = Invoke-Job1010 -FullSync
        $mine = @($full | Get-CommerceDataSession)
        $mine | Should -HaveCount 3
        ($mine.Rows | Measure-Object -Sum).Sum | Should -Be $full.Processed
    }

    It 'keeps the sessions of a run a crash ended: what its committed chunks moved' {
        $db = (Get-CommerceStore).Location
        1..40 | ForEach-Object { New-AsyncCustomer S0002 -FirstName "N$_" } | Out-Null
        $script = Join-Path $TestDrive 'die.ps1'
        Set-Content $script @"
Import-Module '$ModuleManifest'
Connect-CommerceStore $(if ($OnPostgres) { '-ConnectionString' }) '$db' | Out-Null
Invoke-PJob -ChunkSize 10 -Verbose 4>&1 | ForEach-Object { if ("`$_" -like 'Uploaded*') { [Environment]::FailFast('killed mid-run') } }
"@
        & $Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-Null
        $killed = Get-CommerceJobRun -Last 1
        $killed.Status | Should -Be 'Interrupted'
        $sessions = @($killed | Get-CommerceDataSession)
        ($sessions.Rows | Measure-Object -Sum).Sum | Should -Be $killed.Processed
        Invoke-PJob | Out-Null
        (Get-CommerceDataSession -Type Upload | Measure-Object Rows -Sum).Sum | Should -Be 44 -Because 'every row was uploaded once, in the killed run or the next'
    }
}
