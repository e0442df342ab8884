BeforeDiscovery {
    $cases = . (Join-Path $PSScriptRoot 'BadInput.Cases.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../../build/ReliabilityDoc.ps1')
    Import-Module $ModuleManifest -Force

    function Get-Fingerprint {
        @(
            (Get-CommerceChannel | ForEach-Object { "$($_.ChannelId)|$($_.Name)" }) -join ','
            (Get-AsyncCustomer | ForEach-Object { "$($_.AsyncCustomerId)|$($_.Name)|$($_.Email)|$($_.Status)" }) -join ','
            (Get-AsyncCustomerOperation | ForEach-Object { "$($_.ChannelId)|$($_.ReplicationCounter)|$($_.SyncStatus)" }) -join ','
            (Get-CommerceTransaction | ForEach-Object TransactionId) -join ','
            (Get-CommerceCustomer | ForEach-Object AccountNumber) -join ','
        ) -join "`n"
    }
}

Describe 'Bad input gets a clear error with an id and changes nothing' {
    It '<Case>' -ForEach $cases {
        if ($OnPostgres -and $SqliteOnly) { Set-ItResult -Skipped -Because 'it works on a store file'; return }
        $StorePath = New-TestStore
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        $c = New-AsyncCustomer -Channel S0001 -FirstName Base -LastName Customer
        $before = Get-Fingerprint
        $caught = $null
        $ErrorActionPreference = 'Stop'
        try { & $Script | Out-Null } catch { $caught = $_ }
        $ErrorActionPreference = 'Continue'
        if ($ErrorId) {
            $caught | Should -Not -BeNullOrEmpty -Because "'$Case' must be refused"
            $caught.FullyQualifiedErrorId | Should -Be $ErrorId
            $caught.Exception.Message | Should -Not -BeNullOrEmpty
            if ($caught.FullyQualifiedErrorId -notmatch '^(ParameterArgument|InputObject)') {
                $caught.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            }
        }
        else {
            $caught | Should -BeNullOrEmpty -Because "'$Case' is accepted"
        }
        if (-not $ChangesStore) { Get-Fingerprint | Should -Be $before }
        Test-CommerceStore | Should -BeTrue -Because 'no input breaks the store'
    }
}

Describe 'Accepted input round-trips literally' {
    BeforeEach { New-TestStore | Out-Null; New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null }

    It 'keeps odd Unicode and SQL-looking text as data through the whole conversion' {
        $names = 'Zoë 李 🙂', "Robert'); DROP TABLE cust_table;--", 'שלום'
        $names | ForEach-Object { New-AsyncCustomer -Channel S0001 -FirstName $_ } | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
        (Get-CommerceCustomer).Name | Sort-Object | Should -Be ($names | Sort-Object)
        (Get-CommerceCustomer -Channel S0001).Name | Sort-Object | Should -Be ($names | Sort-Object)
    }
}

Describe 'docs/reliability.md' {
    It 'is generated from the cases and current' {
        $expected = ConvertTo-ReliabilityDoc -CasesPath (Join-Path $PSScriptRoot 'BadInput.Cases.ps1')
        $actual = Get-Content -Raw (Join-Path $PSScriptRoot '../../docs/reliability.md')
        ($actual -replace "`r`n", "`n").TrimEnd() | Should -Be ($expected -replace "`r`n", "`n").TrimEnd() -Because 'run ./build.ps1 Docs after changing the cases'
    }
}
