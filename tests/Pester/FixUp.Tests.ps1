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
        $list | Should -Match 'Error\s*:\s*The email address is not valid' -Because 'the list heads the last known error with its property name, Error'
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

Describe 'Bad input is refused or named, never passed on silently' {
    BeforeEach { $script:location = New-FixUpStore }

    It 'refuses an address purpose outside the list, in every way an address is given, and keeps the list''s spelling' {
        $c = New-AsyncCustomer S0001 -FirstName Ann
        { New-AsyncCustomerAddress S0001 -AsyncCustomerId $c.AsyncCustomerId -Street '1 Main' -Country USA -Purpose Delivry -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewAsyncCustomerAddress'
        { New-AsyncCustomer S0001 -FirstName Bo -Address @{ Street = '2 Main'; Country = 'USA'; Purpose = 'Delivry' } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewAsyncCustomer'
        (New-AsyncCustomerAddress S0001 -AsyncCustomerId $c.AsyncCustomerId -Street '1 Main' -Country USA -Purpose delivery).Purpose | Should -Be 'Delivery'
        (New-AsyncCustomerAddress S0001 -AsyncCustomerId $c.AsyncCustomerId -Street '3 Main' -Country USA).Purpose | Should -Be 'Home'
        @(Get-AsyncCustomer -Name Bo).Count | Should -Be 0
    }

    It 'refuses an affiliation outside the list' {
        $c = New-AsyncCustomer S0001 -FirstName Ann
        { Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -Affiliation Employe -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CommerceSync.SetAsyncCustomer'
        { Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -RemoveAffiliation Employe -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CommerceSync.SetAsyncCustomer'
        Set-AsyncCustomer S0001 -AsyncCustomerId $c.AsyncCustomerId -Affiliation employee -PassThru | Should -Not -BeNullOrEmpty
    }

    It 'warns once per pipeline about CSV columns that bind to nothing, naming them' {
        $csv = Join-Path $TestDrive 'customers.csv'
        Set-Content -LiteralPath $csv -Value @('Channel,FirstName,E-mail,Town', 'S0001,Ann,ann@example.com,Seattle', 'S0001,Bo,bo@example.com,Redmond')
        $created = Import-Csv $csv | New-AsyncCustomer -WarningVariable warnings -WarningAction SilentlyContinue
        @($created).Count | Should -Be 2
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match "'E-mail'"
        "$($warnings[0])" | Should -Match "'Town'"
        "$($warnings[0])" | Should -Not -Match "'FirstName'|'Channel'"
        Import-Csv $csv | Select-Object Channel, FirstName, @{ Name = 'Email'; Expression = { $_.'E-mail' } } |
            New-AsyncCustomer -WarningVariable none -WarningAction SilentlyContinue | Out-Null
        @($none).Count | Should -Be 0
        Set-Content -LiteralPath $csv -Value @('Channel,AsyncCustomerId,Street,Town,Country', "S0001,$($created[0].AsyncCustomerId),1 Main,Seattle,USA")
        Import-Csv $csv | New-AsyncCustomerAddress -WarningVariable addressWarnings -WarningAction SilentlyContinue | Out-Null
        "$addressWarnings" | Should -Match "'Town'"
    }

    It 'targets a failing CSV row with the row itself and says which row it was' {
        $rows = ConvertFrom-Csv @('Channel,FirstName,Email', 'S0001,Ann,ann@example.com', 'S0001,,nobody@example.com', 'S0001,Cy,cy@example.com')
        $created = $rows | New-AsyncCustomer -ErrorVariable failures -ErrorAction SilentlyContinue
        @($created).Count | Should -Be 2
        @($failures).Count | Should -Be 1
        $failures[0].TargetObject | Should -Be $rows[1]
        $failures[0].TargetObject.Email | Should -Be 'nobody@example.com'
        "$($failures[0])" | Should -Match 'Row 2\b'
        $failures[0].FullyQualifiedErrorId | Should -Be 'NameRequired,CommerceSync.NewAsyncCustomer'
    }
}
