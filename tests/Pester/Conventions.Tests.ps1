# The module's own metadata, checked the way PSScriptAnalyzer and d365fo.tools' generated tests would.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): skipped, the module's metadata is the same whatever the store.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
    $manifest = if ($env:COMMERCESYNC_MODULE) { $env:COMMERCESYNC_MODULE } else { Join-Path $PSScriptRoot '../../CommerceSync.psd1' }
    Import-Module $manifest -Force
    $cmdlets = Get-Command -Module CommerceSync -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Verb = $_.Verb; Noun = $_.Noun } }
    $script:Changing = 'New', 'Set', 'Add', 'Remove', 'Invoke', 'Convert', 'Sync', 'Disable', 'Enable', 'Backup', 'Export', 'Import'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Approved = Get-Verb | ForEach-Object Verb
}

Describe 'Conventions of <Name>' -ForEach $cmdlets -Skip:$PostgresPass {
    BeforeAll { $cmd = Get-Command $Name }

    It 'uses an approved verb and a singular noun with the product prefix' {
        $Verb | Should -BeIn $Approved
        $Noun | Should -Match '^(Commerce|Async|PJob|Job1010|StatementPosting)'
        $Noun | Should -Not -Match '(?<!s)s$' -Because 'nouns are singular'
    }

    It 'declares its output type' {
        @($cmd.OutputType).Count | Should -BeGreaterThan 0
    }

    # Only the cmdlets that change data are asked; the others are reported skipped, not passed without a check.
    It 'supports -WhatIf and -Confirm, as it changes data' -Skip:($Verb -notin $Changing) {
        $cmd.Parameters.ContainsKey('WhatIf') | Should -BeTrue
        $cmd.Parameters.ContainsKey('Confirm') | Should -BeTrue
    }

    It 'asks before it removes (ConfirmImpact High)' -Skip:($Verb -ne 'Remove') {
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'takes switches, never bool parameters' {
        @($cmd.Parameters.Values | Where-Object { $_.ParameterType -eq [bool] }).Name | Should -BeNullOrEmpty
    }
}

Describe 'The same parameter name means the same thing everywhere' -Skip:$PostgresPass {
    It 'gives each name one type across cmdlets (a list type counts as the same)' {
        $byName = @{}
        foreach ($cmd in Get-Command -Module CommerceSync -CommandType Cmdlet) {
            foreach ($p in $cmd.Parameters.Values) {
                $t = $p.ParameterType
                $element = if ($t.IsArray) { $t.GetElementType() } else { $t }
                if (-not $byName.ContainsKey($p.Name)) { $byName[$p.Name] = @{} }
                $byName[$p.Name]["$element"] += @($cmd.Name)
            }
        }
        # -InputObject carries each cmdlet's own record type, and -Status and -Type the status and kind enums of the object the
        # cmdlet lists or makes (a transaction's CashAndCarry or CustomerOrder, a data session's Upload or Download).
        $mixed = $byName.GetEnumerator() | Where-Object { $_.Key -notin 'InputObject', 'Status', 'Type' -and $_.Value.Count -gt 1 } |
            ForEach-Object { "$($_.Key): " + (($_.Value.GetEnumerator() | ForEach-Object { "$($_.Key) in $($_.Value -join ',')" }) -join '; ') }
        $mixed | Should -BeNullOrEmpty
    }

    It 'names a channel -Channel everywhere except where it creates one' {
        $withChannelId = Get-Command -Module CommerceSync -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('ChannelId') }
        @($withChannelId.Name) | Should -Be @('New-CommerceChannel')
        (Get-Command -Module CommerceSync -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('Channel') }).Count | Should -BeGreaterThan 10
    }
}

Describe 'Every output binds by property name into the cmdlets that take it' -Skip:$PostgresPass {
    BeforeAll {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer -Channel S0001 -FirstName Pipe -Email pipe@example.com | Out-Null
        New-AsyncCustomer -Channel S0002 -FirstName Line | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null
    }

    It '<Pipeline>' -ForEach @(
        @{ Pipeline = 'Get-AsyncCustomer | Invoke-PJob -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer | Convert-AsyncCustomer -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer -Status Distributed | Invoke-Job1010 -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer | Set-AsyncCustomer -Email x@example.com -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer | Disable-AsyncCustomer -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer | New-CommerceTransaction -Amount 1 -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomer | Get-AsyncCustomerOperation' }
        @{ Pipeline = 'Get-AsyncCustomer | Get-CommerceCustomer' }
        @{ Pipeline = 'Get-CommerceChannel | Set-CommerceChannel -Name X -WhatIf' }
        @{ Pipeline = 'Get-CommerceChannel | Invoke-PJob -WhatIf' }
        @{ Pipeline = 'Get-CommerceChannel | Invoke-StatementPosting -WhatIf' }
        @{ Pipeline = 'Get-CommerceChannel | Get-CommerceSyncReport' }
        @{ Pipeline = 'Invoke-PJob -WhatIf | Convert-AsyncCustomer -WhatIf' }
        @{ Pipeline = 'Get-CommerceJobRun -Job P-job | Convert-AsyncCustomer -WhatIf' }
        @{ Pipeline = 'Get-CommerceJobRun | Get-CommerceJobRun' }
        @{ Pipeline = 'Get-CommerceCustomer | Invoke-Job1010 -WhatIf' }
        @{ Pipeline = 'Get-CommerceCustomer | Add-CommerceLoyaltyCard -WhatIf' }
        @{ Pipeline = 'Get-CommerceCustomer | Set-AsyncCustomer -Phone 1234567 -WhatIf' }
        @{ Pipeline = 'Get-CommerceStore | Connect-CommerceStore' }
        @{ Pipeline = 'Get-CommerceTransaction | Invoke-PJob -WhatIf' }
        @{ Pipeline = 'Get-CommerceTransaction | Sync-CommerceOrder -WhatIf' }
        @{ Pipeline = 'Get-AsyncCustomerOperation | Set-AsyncCustomerOperation -Email y@example.com -WhatIf' }
        @{ Pipeline = 'Get-CommerceStatement | Get-CommerceStatement' }
    ) {
        New-CommerceTransaction -Channel S0001 -Amount 3 | Out-Null
        { $ErrorActionPreference = 'Stop'; & ([scriptblock]::Create($Pipeline)) | Out-Null } | Should -Not -Throw
    }
}

Describe 'Signatures are deliberate' -Skip:$PostgresPass {
    It 'matches tests/Pester/signatures.json (run build/Update-Signatures.ps1 after a deliberate change)' {
        . (Join-Path $PSScriptRoot '../../build/Update-Signatures.ps1') -NoWrite
        $live = Get-CommerceSignature | ConvertTo-Json -Depth 6
        $saved = Get-Content -Raw (Join-Path $PSScriptRoot 'signatures.json')
        ($live -replace "`r`n", "`n").Trim() | Should -Be ($saved -replace "`r`n", "`n").Trim()
    }
}
