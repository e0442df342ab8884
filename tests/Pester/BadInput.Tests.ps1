BeforeDiscovery {
    $cases = . (Join-Path $PSScriptRoot 'BadInput.Cases.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot '../../build/ReliabilityDoc.ps1')
    Import-Module $ModuleManifest -Force

    function Get-Fingerprint {
        # Every row of every table of the store (ids, counters, links, settings, job history), as Export-CommerceData
        # reads them in one snapshot on either engine; only the rows, in a fixed order, not the file's header or trailer.
        # A job run that processed nothing is history of a refused attempt (every run is recorded), not a change of data.
        $file = Join-Path $TestDrive "fingerprint-$([guid]::NewGuid().ToString('N')).jsonl"
        Export-CommerceData -Path $file -Store $StorePath -Force | Out-Null
        try {
            @(Get-Content -LiteralPath $file | Where-Object { $_.StartsWith('{"t":') } |
                Where-Object { -not $_.StartsWith('{"t":"job_run"') -or (ConvertFrom-Json $_).r.processed -ne 0 } |
                Sort-Object -CaseSensitive) -join "`n"
        }
        finally { Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue }
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
