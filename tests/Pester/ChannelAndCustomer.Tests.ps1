BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Channels' {
    BeforeEach { New-TestStore | Out-Null }

    It 'creates a channel with the defaults of a store in USRT' {
        $c = New-CommerceChannel -ChannelId S0001 -Name 'Seattle' -AsyncCustomerMode
        $c | Should -BeOfType CommerceSync.Channel
        $c.DataAreaId | Should -Be 'USRT'
        $c.AsyncCustomerMode | Should -BeTrue
        $c.OfflineDatabase | Should -BeFalse
        $c.DefaultCustomerGroup | Should -Be '30'
        $c.DefaultCurrency | Should -Be 'USD'
    }

    It 'binds CSV rows by property name' {
        $rows = @"
ChannelId,Name,DataAreaId,DefaultCurrency
S0001,Seattle,USRT,USD
F0001,Paris,FRRT,EUR
"@ | ConvertFrom-Csv
        $created = $rows | New-CommerceChannel
        $created.ChannelId | Should -Be @('S0001', 'F0001')
        (Get-CommerceChannel -DataAreaId FRRT).DefaultCurrency | Should -Be 'EUR'
    }

    It 'refuses a duplicate with ChannelExists and leaves the first alone' {
        New-CommerceChannel -ChannelId S0001 -Name First | Out-Null
        { New-CommerceChannel -ChannelId s0001 -Name Second -ErrorAction Stop } | Should -Throw -ErrorId 'ChannelExists,CommerceSync.NewCommerceChannel'
        (Get-CommerceChannel S0001).Name | Should -Be 'First'
    }

    It 'finds channels by wildcard and reports an unknown id' {
        'S0001', 'S0002', 'W0001' | ForEach-Object { New-CommerceChannel -ChannelId $_ } | Out-Null
        (Get-CommerceChannel 'S*').ChannelId | Should -Be @('S0001', 'S0002')
        Get-CommerceChannel Nope -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'ChannelNotFound,CommerceSync.GetCommerceChannel'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'Nope'
    }

    It 'changes settings, and -AsyncCustomerMode:$false turns async off' {
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        Set-CommerceChannel S0001 -AsyncCustomerMode:$false -OfflineDatabase -DefaultCustomerGroup 40
        $c = Get-CommerceChannel S0001
        $c.AsyncCustomerMode | Should -BeFalse
        $c.OfflineDatabase | Should -BeTrue
        $c.DefaultCustomerGroup | Should -Be '40'
        Get-CommerceChannel S0001 | Set-CommerceChannel -Name 'Renamed' -PassThru | ForEach-Object Name | Should -Be 'Renamed'
    }

    It 'changes nothing with -WhatIf' {
        New-CommerceChannel -ChannelId S0001 -WhatIf | Out-Null
        Get-CommerceChannel | Should -BeNullOrEmpty
    }
}

Describe 'Async customers at the POS' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode -DefaultCustomerGroup 30 -DefaultCurrency USD | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
    }

    It 'creates a pending customer with a GUID, the channel defaults, an address and typed attributes' {
        $c = New-AsyncCustomer -Channel S0001 -FirstName Ada -LastName Lovelace -Email ada@example.com -Phone '+1 555 0100' `
            -Address @{ Street = '1 Main St'; City = 'Seattle'; State = 'WA'; ZipCode = '98101'; Country = 'USA'; IsPrimary = $true } `
            -Attribute @{ Newsletter = $true; ShoeSize = 42; Discount = 2.5; Note = 'VIP' }
        $c | Should -BeOfType CommerceSync.AsyncCustomer
        [guid]::Parse($c.AsyncCustomerId) | Should -Not -BeNullOrEmpty
        $c.Status | Should -Be 'Pending'
        $c.AccountNumber | Should -BeNullOrEmpty
        $c.Name | Should -Be 'Ada Lovelace'
        $c.CustomerGroup | Should -Be '30'
        $c.Currency | Should -Be 'USD'
        $read = Get-AsyncCustomer -AsyncCustomerId $c.AsyncCustomerId
        $read.Addresses.City | Should -Be 'Seattle'
        $types = @{}; $read.Attributes | ForEach-Object { $types[$_.Name] = "$($_.DataType)" }
        $types.Newsletter | Should -Be 'Boolean'
        $types.ShoeSize | Should -Be 'Integer'
        $types.Discount | Should -Be 'Decimal'
        $types.Note | Should -Be 'Text'
    }

    It 'binds Import-Csv rows by property name, including one address' {
        $csv = Join-Path $TestDrive 'customers.csv'
        @"
Channel,FirstName,LastName,Email,Street,City,ZipCode,Country
S0001,Ann,One,ann@example.com,1 First Ave,Seattle,98101,USA
S0002,Bob,Two,bob@example.com,2 Second Ave,Redmond,98052,USA
"@ | Set-Content $csv
        $created = Import-Csv $csv | New-AsyncCustomer
        $created.Count | Should -Be 2
        (Get-AsyncCustomer -Channel S0002).Addresses.City | Should -Be 'Redmond'
    }

    It 'refuses a datetime attribute and a customer with no name, and creates the rest' {
        $err = $null
        $made = @(
            @{ FirstName = 'Ok1' }, @{ Email = 'noname@example.com' }, @{ FirstName = 'Ok2' }
        ) | ForEach-Object { [pscustomobject]$_ } | New-AsyncCustomer -Channel S0001 -ErrorVariable err -ErrorAction SilentlyContinue
        $made.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -Be 'NameRequired,CommerceSync.NewAsyncCustomer'
        { New-AsyncCustomer -Channel S0001 -FirstName X -Attribute @{ Birthday = Get-Date } -ErrorAction Stop } |
            Should -Throw -ErrorId 'AttributeTypeNotSupported,CommerceSync.NewAsyncCustomer'
        (Get-AsyncCustomer).Count | Should -Be 2
    }

    It 'refuses an unknown channel with ChannelNotFound' {
        { New-AsyncCustomer -Channel NOPE -FirstName X -ErrorAction Stop } | Should -Throw -ErrorId 'ChannelNotFound,CommerceSync.NewAsyncCustomer'
    }

    It 'filters by channel, status, id and name wildcard' {
        $a = New-AsyncCustomer S0001 -FirstName Alice -LastName Smith
        New-AsyncCustomer S0001 -FirstName Bob -LastName Jones | Out-Null
        New-AsyncCustomer S0002 -FirstName Alicia -LastName Keys | Out-Null
        (Get-AsyncCustomer -Channel S0001).Count | Should -Be 2
        (Get-AsyncCustomer -Name 'Ali*').FirstName | Should -Be @('Alice', 'Alicia')
        (Get-AsyncCustomer -AsyncCustomerId $a.AsyncCustomerId).FirstName | Should -Be 'Alice'
        (Get-AsyncCustomer -Status Pending).Count | Should -Be 3
        Get-AsyncCustomer -Status Converted | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        New-AsyncCustomer S0001 -FirstName Ghost -WhatIf | Out-Null
        Get-AsyncCustomer | Should -BeNullOrEmpty
    }

    It 'adds an address for an async customer and for a synced customer' {
        $c = New-AsyncCustomer S0001 -FirstName Cy
        $addr = New-AsyncCustomerAddress -Channel S0001 -AsyncCustomerId $c.AsyncCustomerId -Street '9 Elm' -City Tacoma -Country USA -Purpose Delivery
        $addr | Should -BeOfType CommerceSync.AsyncAddress
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        $account = (Get-CommerceCustomer -AsyncCustomerId $c.AsyncCustomerId).AccountNumber
        (Get-CommerceCustomer $account).Addresses.City | Should -Be 'Tacoma'
        New-AsyncCustomerAddress -Channel S0002 -AccountNumber $account -Street '1 Pine' -City Olympia -Country USA | Out-Null
        Invoke-PJob | Convert-AsyncCustomer | Out-Null
        (Get-CommerceCustomer $account).Addresses.City | Sort-Object | Should -Be @('Olympia', 'Tacoma')
        { New-AsyncCustomerAddress -Channel S0001 -AccountNumber NOPE -Country USA -ErrorAction Stop } | Should -Throw -ErrorId 'CustomerNotFound,CommerceSync.NewAsyncCustomerAddress'
    }
}
