BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-FixUpStore {
        $location = New-TestStore
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
        $location
    }

    # Two customers the sync job refuses for different reasons: one for its email, one for its phone.
    function New-TwoFailures {
        $script:badEmail = New-AsyncCustomer S0001 -FirstName Eve -LastName Mail -Email 'not-an-email' -Phone '+1 206 555 0100' `
            -Address @{ Street = '1 Pike St'; City = 'Seattle'; ZipCode = '98101'; Country = 'USA' } -Attribute @{ Tier = 2 }
        $script:badPhone = New-AsyncCustomer S0001 -FirstName Pat -LastName Phone -Email 'pat@example.com' -Phone 'call me'
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
    }
}

Describe 'Fixing failed operations: an admin sees what each holds and corrects only the ones that need it' {
    BeforeEach { $script:location = New-FixUpStore }

    It 'shows the values an admin can correct beside the error' {
        New-TwoFailures
        $ops = Get-AsyncCustomerOperation -AsyncCustomerId $badEmail.AsyncCustomerId
        $customer = $ops | Where-Object Kind -eq Customer
        $customer.FirstName | Should -Be 'Eve'
        $customer.LastName | Should -Be 'Mail'
        $customer.Email | Should -Be 'not-an-email'
        $customer.Phone | Should -Be '+1 206 555 0100'
        $customer.Currency | Should -Be 'USD'
        $customer.CustomerGroup | Should -Not -BeNullOrEmpty
        $customer.Error | Should -Match 'email'
        $address = $ops | Where-Object Kind -eq Address
        $address.Street | Should -Be '1 Pike St'
        $address.City | Should -Be 'Seattle'
        $address.ZipCode | Should -Be '98101'
        $address.Country | Should -Be 'USA'
        $attribute = $ops | Where-Object Kind -eq Attribute
        $attribute.AttributeName | Should -Be 'Tier'
        $attribute.AttributeValue | Should -Be '2'
        $list = $customer | Format-List | Out-String -Width 200
        $list | Should -Match 'Email\s*:\s*not-an-email'
        $list | Should -Match 'LastKnownError'
    }

    It 'filters by error text with wildcards, so the fix-up line changes only the operations that failed for their email' {
        New-TwoFailures
        $email = @(Get-AsyncCustomerOperation -SyncStatus Failed -Error '*email*')
        $email.Count | Should -Be 1
        $email[0].AsyncCustomerId | Should -Be $badEmail.AsyncCustomerId
        @(Get-AsyncCustomerOperation -Error '*phone*').AsyncCustomerId | Should -Be $badPhone.AsyncCustomerId
        @(Get-AsyncCustomerOperation -Error '*email*', '*phone*').Count | Should -Be 2
        @(Get-AsyncCustomerOperation -Error 'email').Count | Should -Be 0 -Because 'a pattern without wildcards matches the whole text'
        @(Get-AsyncCustomerOperation -Error '*e?ail*').Count | Should -Be 1
        @(Get-AsyncCustomerOperation -Error '*[ep][mh]*address*').Count | Should -Be 1 -Because 'PowerShell wildcards take character sets'

        Get-AsyncCustomerOperation -SyncStatus Failed -Error '*email*' | Set-AsyncCustomerOperation -Email 'eve@example.com'
        $converted = Convert-AsyncCustomer -AsyncCustomerId $badEmail.AsyncCustomerId, $badPhone.AsyncCustomerId -ErrorAction SilentlyContinue
        @($converted).Count | Should -Be 1
        $converted.Email | Should -Be 'eve@example.com'
        (Get-AsyncCustomerOperation -AsyncCustomerId $badPhone.AsyncCustomerId -Kind Customer).Email | Should -Be 'pat@example.com' -Because 'the phone failure kept its good email'
    }

    It 'treats % and _ in an error pattern as themselves' {
        New-TwoFailures
        @(Get-AsyncCustomerOperation -Error '%').Count | Should -Be 0
        @(Get-AsyncCustomerOperation -Error '*_*').Count | Should -Be 0
        @(Get-AsyncCustomerOperation -Error '*`**').Count | Should -Be 0 -Because 'an escaped * is a literal star'
    }

    It 'asks once before correcting several operations in one call, and changes nothing when it cannot ask' {
        New-TwoFailures
        # A fresh pwsh -NonInteractive cannot ask: the call must stop rather than go ahead unconfirmed.
        $script = @"
Import-Module '$ModuleManifest'
`$ErrorActionPreference = 'Stop'
Get-AsyncCustomerOperation -SyncStatus Failed -Kind Customer -Store '$location' | Set-AsyncCustomerOperation -Email 'same@example.com' -Store '$location'
"@
        { Invoke-FreshPwsh -Script $script } | Should -Throw
        @(Get-AsyncCustomerOperation -SyncStatus Failed -Kind Customer).Email | Sort-Object | Should -Be @('not-an-email', 'pat@example.com') -Because 'nothing may change without the confirmation'
    }

    It 'corrects several operations with -Force or -Confirm:$false, and one operation without asking' {
        New-TwoFailures
        Get-AsyncCustomerOperation -SyncStatus Failed -Kind Customer | Set-AsyncCustomerOperation -CustomerGroup 'Retail' -Force
        @(Get-AsyncCustomerOperation -SyncStatus Pending -Kind Customer -AsyncCustomerId $badEmail.AsyncCustomerId, $badPhone.AsyncCustomerId).Count | Should -Be 2
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        Get-AsyncCustomerOperation -SyncStatus Failed -Kind Customer | Set-AsyncCustomerOperation -CustomerGroup 'Retail' -Confirm:$false
        @(Get-AsyncCustomerOperation -SyncStatus Failed).Count | Should -Be 0
        Invoke-PJob | Convert-AsyncCustomer -ErrorAction SilentlyContinue | Out-Null
        $one = Get-AsyncCustomerOperation -SyncStatus Failed -Error '*phone*'
        $one | Set-AsyncCustomerOperation -Phone '+1 206 555 0199' -PassThru | ForEach-Object SyncStatus | Should -Be 'Pending'
    }
}
