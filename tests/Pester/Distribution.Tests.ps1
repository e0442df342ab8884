# Commerce Data Exchange's distribution schedules (dev-itpro/define-retail-channel-communications-cdx.md): job 1010 sends to
# the channel databases of the database groups its schedule names, and to their offline databases unless the schedule has
# "Exclude from offline databases" (dev-itpro/implementation-considerations-cdx.md, "Offline data exclusion").
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # S0001 (with an offline database) and S0002 in the Default group, S0003 in group Outlets; one converted customer each.
    function New-GroupStore {
        $location = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel S0003 -AsyncCustomerMode -DatabaseGroup Outlets | Out-Null
        foreach ($ch in 'S0001', 'S0002', 'S0003') { New-AsyncCustomer $ch -FirstName "First$ch" -LastName Customer | Out-Null }
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $location
    }

    function Get-Held([string] $Channel, [switch] $Offline) { @(Get-CommerceCustomer -Channel $Channel -Offline:$Offline | Where-Object AccountNumber) }
}

Describe 'Distribution schedules' {
    BeforeEach { New-TestStore | Out-Null }

    It 'lists 1010, 1070 and 1110, each sending to the Default group and to offline databases' {
        $all = @(Get-CommerceDistributionSchedule)
        $all.ScheduleId | Should -Be '1010', '1070', '1110'
        $all.Name | Should -Be 'Customers', 'Channel configuration', 'Global configuration'
        $all | ForEach-Object { $_.DatabaseGroups | Should -Be 'Default'; $_.ExcludeFromOfflineDatabases | Should -BeFalse }
        $all[0] | Should -BeOfType CommerceSync.DistributionSchedule
        (Get-CommerceDistributionSchedule 1*0).Count | Should -Be 3
        (Get-CommerceDistributionSchedule -ScheduleId 1010).Name | Should -Be 'Customers'
    }

    It 'says DistributionScheduleNotFound for an id it does not have, naming the ones there are' {
        { Get-CommerceDistributionSchedule 1011 -ErrorAction Stop } | Should -Throw -ErrorId 'DistributionScheduleNotFound,*'
        $e = { Set-CommerceDistributionSchedule 9999 -ExcludeFromOfflineDatabases -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'DistributionScheduleNotFound,*'
        $e.Exception.Message | Should -Match '1010, 1070, 1110'
    }

    It 'changes groups and the offline exclusion, each alone, and nothing with -WhatIf' {
        Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default, Outlets -WhatIf
        (Get-CommerceDistributionSchedule 1010).DatabaseGroups | Should -Be 'Default'
        $s = Set-CommerceDistributionSchedule 1010 -DatabaseGroup ' Outlets', Default, outlets -PassThru
        $s.DatabaseGroups | Should -Be 'Default', 'Outlets' -Because 'each group once, trimmed'
        $s.ExcludeFromOfflineDatabases | Should -BeFalse
        (Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases -PassThru).DatabaseGroups | Should -Be 'Default', 'Outlets' -Because 'groups not given stay'
        (Get-CommerceDistributionSchedule 1010).ExcludeFromOfflineDatabases | Should -BeTrue
        (Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases:$false -PassThru).ExcludeFromOfflineDatabases | Should -BeFalse
        (Get-CommerceDistributionSchedule 1070).DatabaseGroups | Should -Be 'Default' -Because 'the other schedules are their own'
        { Set-CommerceDistributionSchedule 1010 -DatabaseGroup 'a*b' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,*'
        { Set-CommerceDistributionSchedule 1010 -DatabaseGroup @() } | Should -Throw
    }

    It 'takes schedules piped from Get-CommerceDistributionSchedule' {
        Get-CommerceDistributionSchedule | Set-CommerceDistributionSchedule -ExcludeFromOfflineDatabases
        (Get-CommerceDistributionSchedule).ExcludeFromOfflineDatabases | Should -Be $true, $true, $true
    }

    It 'puts a new channel in the Default group, and moves it with Set-CommerceChannel' {
        (New-CommerceChannel S0001).DatabaseGroup | Should -Be 'Default'
        (New-CommerceChannel S0002 -DatabaseGroup ' Outlets ').DatabaseGroup | Should -Be 'Outlets'
        (Set-CommerceChannel S0001 -DatabaseGroup Outlets -PassThru).DatabaseGroup | Should -Be 'Outlets'
        (Set-CommerceChannel S0001 -Name Renamed -PassThru).DatabaseGroup | Should -Be 'Outlets' -Because 'a setting not given stays'
        (Get-CommerceChannel S0001 | Format-List | Out-String) | Should -Match 'DatabaseGroup\s*:\s*Outlets'
        { New-CommerceChannel S0009 -DatabaseGroup 'x?y' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,*'
    }

    It 'survives an export and an import' {
        Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default, Outlets -ExcludeFromOfflineDatabases
        New-CommerceChannel S0001 -DatabaseGroup Outlets | Out-Null
        $file = Join-Path $TestDrive "export-$(New-Guid).jsonl"
        Export-CommerceData -Path $file | Out-Null
        New-TestStore | Out-Null
        Import-CommerceData -Path $file | Out-Null
        $s = Get-CommerceDistributionSchedule 1010
        $s.DatabaseGroups | Should -Be 'Default', 'Outlets'
        $s.ExcludeFromOfflineDatabases | Should -BeTrue
        (Get-CommerceChannel S0001).DatabaseGroup | Should -Be 'Outlets'
    }
}

Describe 'The channel schema''s "Filter shared customer data tables"' {
    BeforeEach { New-TestStore | Out-Null }

    It 'is set for every channel at once, and a channel created later takes it' {
        New-CommerceChannel S0001 -AsyncCustomerMode -OfflineDatabase | Out-Null
        (Get-CommerceStore).FilterSharedCustomerData | Should -BeFalse
        Set-CommerceStore -FilterSharedCustomerData -WhatIf
        (Get-CommerceChannel S0001).FilterSharedCustomerData | Should -BeFalse -Because '-WhatIf changes nothing'
        (Set-CommerceStore -FilterSharedCustomerData -PassThru).FilterSharedCustomerData | Should -BeTrue
        (Get-CommerceChannel S0001).FilterSharedCustomerData | Should -BeTrue
        (New-CommerceChannel S0002 -AsyncCustomerMode -OfflineDatabase).FilterSharedCustomerData | Should -BeTrue
        Set-CommerceChannel S0002 -Offline
        { New-AsyncCustomer S0002 -FirstName Offline -ErrorAction Stop } | Should -Throw -ErrorId 'OfflineCreationNotAllowed,*'
        Set-CommerceChannel S0002 -Offline:$false
        Set-CommerceStore -FilterSharedCustomerData:$false
        (Get-CommerceChannel).FilterSharedCustomerData | Should -Be $false, $false
        (Get-CommerceStore).FilterSharedCustomerData | Should -BeFalse
    }
}

Describe 'Job 1010 follows its distribution schedule' {
    BeforeEach { $location = New-GroupStore }

    It 'does not send to a channel outside its groups until the group is added, then sends it everything due' {
        Invoke-Job1010 | Out-Null
        (Get-Held S0001).Count | Should -Be 3
        (Get-Held S0002).Count | Should -Be 3
        Get-Held S0003 | Should -BeNullOrEmpty -Because 'Outlets is not among 1010''s groups'
        (Get-AsyncCustomer -Channel S0003).Status | Should -Be 'Converted' -Because 'converted at HQ, not at its store'
        Invoke-Job1010 | Out-Null
        Get-Held S0003 | Should -BeNullOrEmpty -Because 'another run does not change who gets it'
        Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default, Outlets
        Invoke-Job1010 | Out-Null
        (Get-Held S0003).Count | Should -Be 3
        (Get-AsyncCustomer -Channel S0003).Status | Should -Be 'Distributed'
        Test-CommerceStore | Should -BeTrue
    }

    It 'stops sending to a channel moved out of its groups' {
        Invoke-Job1010 | Out-Null
        Set-CommerceChannel S0002 -DatabaseGroup Outlets
        New-AsyncCustomer S0001 -FirstName Later -LastName Customer | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        (Get-Held S0001).Count | Should -Be 4
        (Get-Held S0002).Count | Should -Be 3 -Because 'S0002 left the Default group before the fourth customer was sent'
    }

    It 'leaves offline databases out in every run while the schedule excludes them, and fills them once it does not' {
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        Invoke-Job1010 | Out-Null
        Get-Held S0001 -Offline | Should -BeNullOrEmpty
        New-AsyncCustomer S0002 -FirstName Second -LastName Run | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        Get-Held S0001 -Offline | Should -BeNullOrEmpty -Because 'the exclusion is the job''s lasting setting, not a per-run switch'
        (Get-Held S0001).Count | Should -Be 4
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases:$false
        Invoke-Job1010 | Out-Null
        (Get-Held S0001 -Offline).Count | Should -Be 4
    }

    It 'still takes -ExcludeOfflineDatabase as a one-off override' {
        Invoke-Job1010 -ExcludeOfflineDatabase | Out-Null
        Get-Held S0001 -Offline | Should -BeNullOrEmpty
        (Get-Held S0001).Count | Should -Be 3
        Invoke-Job1010 | Out-Null
        (Get-Held S0001 -Offline).Count | Should -Be 3
    }

    It 'says with -WhatIf how many databases the schedule reaches' {
        $connect = "Import-Module '$ModuleManifest'; Connect-CommerceStore $(if ($OnPostgres) { '-ConnectionString' }) '$location' | Out-Null"
        # S0001 and its offline database, S0002: three databases; S0003's group is not in the schedule.
        (Invoke-FreshPwsh "$connect; Invoke-Job1010 -WhatIf") -join "`n" | Should -Match 'to 3 databases'
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        (Invoke-FreshPwsh "$connect; Invoke-Job1010 -WhatIf") -join "`n" | Should -Match 'to 2 databases'
    }

    It 'sends record-mode customers to the schedule''s databases only' {
        Get-AsyncCustomer | Invoke-Job1010 | Out-Null
        (Get-Held S0002).Count | Should -Be 3
        Get-Held S0003 | Should -BeNullOrEmpty
    }
}

Describe 'A full data sync (Invoke-Job1010 -FullSync)' {
    BeforeEach { $location = New-GroupStore; Invoke-Job1010 | Out-Null }

    It 'sends every customer again to every database of the groups, where a plain run sends what changed' {
        (Invoke-Job1010).Processed | Should -Be 0 -Because 'nothing changed since the last run'
        $full = Invoke-Job1010 -FullSync
        $full.Status | Should -Be 'Completed'
        $full.Processed | Should -Be 9 -Because 'three customers to S0001, its offline database and S0002; S0003 is outside the groups'
        (Get-Held S0001).Count | Should -Be 3
        (Get-Held S0001 -Offline).Count | Should -Be 3
        (Get-AsyncCustomer -Channel S0001).Status | Should -Be 'Distributed'
        (Invoke-Job1010).Processed | Should -Be 0 -Because 'the databases are up to date again'
        Test-CommerceStore | Should -BeTrue
    }

    It 'leaves an offline database the schedule excludes empty, and it stays so until the exclusion is lifted' {
        (Get-Held S0001 -Offline).Count | Should -Be 3
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        (Invoke-Job1010 -FullSync).Processed | Should -Be 6
        Get-Held S0001 -Offline | Should -BeNullOrEmpty -Because 'a full sync empties an excluded offline database (implementation-considerations-cdx.md)'
        (Get-Held S0001).Count | Should -Be 3
        Invoke-Job1010 | Out-Null
        Get-Held S0001 -Offline | Should -BeNullOrEmpty
        Test-CommerceStore | Should -BeTrue
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases:$false
        Invoke-Job1010 | Out-Null
        (Get-Held S0001 -Offline).Count | Should -Be 3 -Because 'an emptied database gets everything again from the next run'
    }

    It 'holds no customer rows at all in an offline database when the channel schema filters shared customer data and 1010 excludes offline databases' {
        Set-CommerceStore -FilterSharedCustomerData
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        Invoke-Job1010 -FullSync | Out-Null
        Set-CommerceChannel S0001 -Offline
        { New-AsyncCustomer S0001 -FirstName Offline -ErrorAction Stop } | Should -Throw -ErrorId 'OfflineCreationNotAllowed,*'
        Set-CommerceChannel S0001 -Offline:$false
        @(Get-CommerceCustomer -Channel S0001 -Offline) | Should -HaveCount 0
    }

    It 'leaves a database outside the groups as it is' {
        Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default, Outlets
        Invoke-Job1010 | Out-Null
        Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default
        (Invoke-Job1010 -FullSync).Processed | Should -Be 9
        (Get-Held S0003).Count | Should -Be 3 -Because 'a full sync rewrites the databases its schedule sends to, no others'
    }

    It 'rewrites only the channels given with -Channel' {
        (Invoke-Job1010 -FullSync -Channel S0002).Processed | Should -Be 3
    }

    It 'changes nothing with -WhatIf, and says what it would do' {
        Set-CommerceDistributionSchedule 1010 -ExcludeFromOfflineDatabases
        $connect = "Import-Module '$ModuleManifest'; Connect-CommerceStore $(if ($OnPostgres) { '-ConnectionString' }) '$location' | Out-Null"
        (Invoke-FreshPwsh "$connect; Invoke-Job1010 -FullSync -WhatIf") -join "`n" | Should -Match 'full data sync, empty 3 databases and send 6 customer rows to 2 of them'
        (Get-Held S0001 -Offline).Count | Should -Be 3
    }
}
