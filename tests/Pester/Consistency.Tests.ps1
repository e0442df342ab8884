# One rule for similar cases, so a user who learnt one cmdlet knows them all: a named thing that does not exist is a
# non-terminating ...NotFound error with the value as target; every -Channel takes wildcards; channel objects pipe
# into every cmdlet that takes -Channel.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-TwoChannelStore {
        New-TestStore | Out-Null
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel S0002 -AsyncCustomerMode | Out-Null
        New-CommerceChannel X0001 -AsyncCustomerMode | Out-Null
        $script:a = New-AsyncCustomer S0001 -FirstName Ann
        $script:b = New-AsyncCustomer S0002 -FirstName Bob
        New-AsyncCustomer X0001 -FirstName Xia | Out-Null
        $script:t = $b | New-CommerceTransaction -Amount 10
        Invoke-AsyncCustomerConversion | Out-Null
        # Only S0002's channel database has this one yet: it tells a channel's view from HQ's.
        New-AsyncCustomer S0002 -FirstName Late | Out-Null
    }
}

Describe 'A named thing that does not exist is a non-terminating ...NotFound error with the value as target' {
    BeforeAll { New-TwoChannelStore }

    It '<Command> -> <ErrorId>' -ForEach @(
        @{ Command = 'Get-CommerceCustomer -AccountNumber C999999'; Script = { Get-CommerceCustomer -AccountNumber C999999 }; ErrorId = 'CustomerNotFound,CommerceSync.GetCommerceCustomer'; Target = 'C999999' }
        @{ Command = 'Get-CommerceCustomer -Channel S0001 -AccountNumber C999999'; Script = { Get-CommerceCustomer -Channel S0001 -AccountNumber C999999 }; ErrorId = 'CustomerNotFound,CommerceSync.GetCommerceCustomer'; Target = 'C999999' }
        @{ Command = 'Get-CommerceTransaction -TransactionId X'; Script = { Get-CommerceTransaction -TransactionId X }; ErrorId = 'TransactionNotFound,CommerceSync.GetCommerceTransaction'; Target = 'X' }
        @{ Command = 'Get-AsyncCustomer -Channel S9999'; Script = { Get-AsyncCustomer -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetAsyncCustomer'; Target = 'S9999' }
        @{ Command = 'Get-CommerceChannel -Channel S9999'; Script = { Get-CommerceChannel -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetCommerceChannel'; Target = 'S9999' }
        @{ Command = 'Get-CommerceTransaction -Channel S9999'; Script = { Get-CommerceTransaction -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetCommerceTransaction'; Target = 'S9999' }
        @{ Command = 'Get-CommerceJobRun -Channel S9999'; Script = { Get-CommerceJobRun -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetCommerceJobRun'; Target = 'S9999' }
        @{ Command = 'Get-CommerceCustomer -Channel S9999'; Script = { Get-CommerceCustomer -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetCommerceCustomer'; Target = 'S9999' }
        @{ Command = 'Get-CommerceSyncReport -Channel S9999'; Script = { Get-CommerceSyncReport -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.GetCommerceSyncReport'; Target = 'S9999' }
        @{ Command = 'Invoke-PJob -Channel S9999'; Script = { Invoke-PJob -Channel S9999 }; ErrorId = 'ChannelNotFound,CommerceSync.InvokePJob'; Target = 'S9999' }
    ) {
        # As a user at a prompt meets it: the error is written, the pipeline goes on, nothing else comes out.
        $all = & { $ErrorActionPreference = 'Continue'; & $Script 2>&1 }
        $e = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        @($e).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -Be $ErrorId
        $e[0].TargetObject | Should -Be $Target
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $out | Should -BeNullOrEmpty
        { $ErrorActionPreference = 'Stop'; & $Script } | Should -Throw -ErrorId $ErrorId
    }

    It 'goes on with the channels that exist' {
        $out = Get-AsyncCustomer -Channel S9999, S0001 -ErrorAction SilentlyContinue -ErrorVariable e
        $out.FirstName | Should -Be 'Ann'
        $e[0].TargetObject | Should -Be 'S9999'
    }
}

Describe 'Every -Channel takes wildcards' {
    BeforeAll { New-TwoChannelStore }

    It '<Command>' -ForEach @(
        @{ Command = 'Get-AsyncCustomer -Channel S*'; Script = { (Get-AsyncCustomer -Channel 'S*').FirstName }; Expected = @('Ann', 'Bob', 'Late') }
        @{ Command = 'Get-CommerceCustomer -Channel S*'; Script = { (Get-CommerceCustomer -Channel 'S*' | Where-Object ChannelId -eq 'S0002').Name | Select-Object -Unique }; Expected = @('Bob', 'Late') }
        @{ Command = 'Get-CommerceTransaction -Channel S*'; Script = { (Get-CommerceTransaction -Channel 'S*').TransactionId }; Expected = { @($t.TransactionId) } }
        @{ Command = 'Get-CommerceJobRun -Channel X*'; Script = { @(Get-CommerceJobRun -Channel 'X*').Count -gt 0 }; Expected = @($true) }
        @{ Command = 'Get-CommerceSyncReport -Channel S*'; Script = { (Get-CommerceSyncReport -Channel 'S*').ChannelId | Where-Object { $_ -ne '*' } }; Expected = @('S0001', 'S0002') }
    ) {
        $want = if ($Expected -is [scriptblock]) { & $Expected } else { $Expected }
        @(& $Script | Sort-Object) | Should -Be @($want | Sort-Object)
    }
}

Describe 'A channel object pipes into every cmdlet that takes -Channel' {
    BeforeAll { New-TwoChannelStore }

    It 'binds Channel from ChannelId on every cmdlet' {
        $cmds = Get-Command -Module CommerceSync -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('Channel') }
        foreach ($c in $cmds) {
            $p = $c.Parameters['Channel']
            $p.Aliases | Should -Contain 'ChannelId' -Because "$($c.Name) -Channel must bind a channel object's ChannelId"
            @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count |
                Should -BeGreaterThan 0 -Because "$($c.Name) -Channel must bind by property name"
        }
    }

    It 'shows that channel''s view: Get-CommerceChannel S0002 | <Command>' -ForEach @(
        @{ Command = 'Get-CommerceCustomer'; Script = { Get-CommerceChannel S0002 | Get-CommerceCustomer }; Check = { param($o) $o.Name | Should -Contain 'Late'; @($o).Count | Should -Be @(Get-CommerceCustomer -Channel S0002).Count } }
        @{ Command = 'Get-AsyncCustomer'; Script = { Get-CommerceChannel S0002 | Get-AsyncCustomer }; Check = { param($o) $o.FirstName | Sort-Object | Should -Be @('Bob', 'Late') } }
        @{ Command = 'Get-CommerceTransaction'; Script = { Get-CommerceChannel S0002 | Get-CommerceTransaction }; Check = { param($o) $o.TransactionId | Should -Be $t.TransactionId } }
        @{ Command = 'Get-CommerceJobRun'; Script = { Get-CommerceChannel X0001 | Get-CommerceJobRun }; Check = { param($o) @($o).Count | Should -BeGreaterThan 0 } }
        @{ Command = 'Test-CommerceSync'; Script = { Get-CommerceChannel S0002 | Test-CommerceSync }; Check = { param($o) $o | Should -BeTrue } }
        @{ Command = 'Get-CommerceStatement'; Script = { Get-CommerceChannel S0002 | Get-CommerceStatement }; Check = { param($o) $o | Should -BeNullOrEmpty } }
    ) {
        $out = & $Script
        & $Check $out
    }
}

Describe 'Objects remember their store, and a pipeline stays on it' {
    BeforeEach {
        $script:storeA = New-TestStore
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S0001 -FirstName InA | Out-Null
        $script:pathA = (Get-CommerceStore).Path
        $script:storeB = New-TestStore   # now the session's store
        New-CommerceChannel S0001 -AsyncCustomerMode | Out-Null
        $script:pathB = (Get-CommerceStore).Path
    }

    It 'gives every output type a Store property' {
        $types = Get-Command -Module CommerceSync -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_ -notin [bool], [void] } | Sort-Object FullName -Unique
        foreach ($t in $types) {
            ($t.GetProperty('Store') -or $t.GetProperty('StorePath')) | Should -BeTrue -Because "$($t.FullName) objects must say which store they came from"
        }
    }

    It 'stamps what the cmdlets write with the path, or the connection string without its password' {
        (Get-AsyncCustomer -Store $storeA).Store | Should -Be $pathA
        (Get-CommerceChannel).Store | Should -Be $pathB
        (Invoke-PJob -Store $storeA).Store | Should -Be $pathA
        (Get-CommerceJobRun -Store $storeA -Last 1).Store | Should -Be $pathA
        if ($OnPostgres) { (Get-AsyncCustomer -Store $storeA).Store | Should -Not -Match '(?i)password' }
    }

    It 'keeps Get-AsyncCustomer -Store A | Invoke-PJob on store A while B is connected' {
        $run = Get-AsyncCustomer -Store $storeA | Invoke-PJob
        @($run).Count | Should -Be 1
        (Get-AsyncCustomer -Store $storeA).Status | Should -Be 'Uploaded'
        Get-CommerceJobRun | Should -BeNullOrEmpty -Because 'nothing ran in store B'
    }

    It 'refuses an explicit -Store that differs from the piped objects'' store (StoreMismatch), doing nothing' {
        { Get-AsyncCustomer -Store $storeA | Invoke-PJob -Store $storeB -ErrorAction Stop } | Should -Throw -ErrorId 'StoreMismatch,CommerceSync.InvokePJob'
        Get-CommerceJobRun -Store $storeB | Should -BeNullOrEmpty
        (Get-AsyncCustomer -Store $storeA).Status | Should -Be 'Pending'
    }

    It 'refuses objects of two stores in one pipeline' {
        New-AsyncCustomer S0001 -FirstName InB | Out-Null
        $both = @(Get-AsyncCustomer -Store $storeA) + @(Get-AsyncCustomer -Store $storeB)
        { $both | Get-CommerceCustomer -ErrorAction Stop } | Should -Throw -ErrorId 'StoreMismatch,CommerceSync.GetCommerceCustomer'
    }

    It 'pipes a store object into any cmdlet' {
        (Get-CommerceStore -Store $storeA | Get-AsyncCustomer).FirstName | Should -Be 'InA'
        (New-CommerceStore (Join-Path $TestDrive "piped-$(New-Guid).db") | Get-CommerceChannel) | Should -BeNullOrEmpty
    }
}
