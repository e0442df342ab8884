# Tab completion as a user gets it: TabExpansion2 against the store in use.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $script:db = New-TestStore
        New-CommerceChannel -ChannelId S0001 -Name Seattle -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -Name Redmond -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId W0001 -Name Web | Out-Null
        $script:c = New-AsyncCustomer -Channel S0001 -FirstName Tab -LastName Complete
        New-AsyncCustomer -Channel S0002 -FirstName Other | Invoke-PJob | Convert-AsyncCustomer | Out-Null
    }

    It 'completes channel ids from the session store' {
        Complete 'Get-AsyncCustomer -Channel S' | Should -Be @('S0001', 'S0002')
        Complete 'Invoke-PJob -Channel W' | Should -Be @('W0001')
        Complete 'New-AsyncCustomer -ChannelId S00' | Should -Be @('S0001', 'S0002')
    }

    It 'completes async customer ids and account numbers' {
        # Ids are time-ordered: two customers made in the same minute share their first digits, so a fragment from
        # anywhere in the id, or the start of the customer's name, picks one out.
        Complete "Convert-AsyncCustomer -AsyncCustomerId $($c.AsyncCustomerId.Substring(24))" | Should -Be @($c.AsyncCustomerId)
        Complete 'Convert-AsyncCustomer -AsyncCustomerId Tab' | Should -Be @($c.AsyncCustomerId)
        $both = Complete "Convert-AsyncCustomer -AsyncCustomerId $($c.AsyncCustomerId.Substring(0, 2))"
        $both | Should -HaveCount 2
        $both[0] | Should -Not -Be $c.AsyncCustomerId -Because 'the newest customer comes first'
        Complete 'Get-CommerceCustomer -AccountNumber C00' | Should -Be @('C000001')
    }

    It 'completes from the store named with -Store on the same line' {
        $other = Join-Path $TestDrive 'other.db'
        New-CommerceStore $other | Out-Null
        New-CommerceChannel -ChannelId X0001 -Store $other | Out-Null
        Complete "Get-CommerceChannel -Store '$other' -Channel X" | Should -Be @('X0001')
        Complete 'Get-CommerceChannel -Channel X' | Should -BeNullOrEmpty -Because 'the session store has no X channel'
    }

    It 'offers nothing, and no error, when the store does not exist' {
        Complete "Get-CommerceChannel -Store '$(Join-Path $TestDrive 'none.db')' -Channel S" | Should -BeNullOrEmpty
    }
}
