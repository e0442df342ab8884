# What a user gives is refused in one clear way, or stored and matched exactly: secrets in connection strings, ids with
# odd characters, and the cases BadInput.Cases.ps1 cannot hold as one row.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Every spelling and quoting of a secret Npgsql reads; the secret is always PgS3cret.
    $script:SecretParts = @(
        'Password=PgS3cret'
        'Password="PgS3cret;X"'
        "Password='PgS3cret;X'"
        'PWD=PgS3cret'
        'PSW=PgS3cret'
        'SSL Password=PgS3cret'
        'SslPassword=PgS3cret'
        'password = "PgS3cret;X"'
    )

    function Get-Shown {
        # Everything a cmdlet shows of a store: what it outputs, its verbose lines, its errors (message, target, category).
        param([scriptblock] $Script)
        $VerbosePreference = 'Continue'
        $records = [System.Collections.Generic.List[object]]::new()
        try { & $Script *>&1 | ForEach-Object { $records.Add($_) } } catch { $records.Add($_) }
        foreach ($r in $records) {
            if ($r -is [System.Management.Automation.VerboseRecord]) { $r.Message }
            elseif ($r -is [System.Management.Automation.ErrorRecord]) {
                $r.Exception.Message
                "$($r.TargetObject)"
                $r.CategoryInfo.TargetName
                $r.FullyQualifiedErrorId
                if ($r.Exception -is [CommerceSync.CommerceSyncException]) { "$($r.Exception.Target)" }
                $r.Exception.ToString()
            }
            else { $r | Format-List * | Out-String }
        }
    }
}

Describe 'A PostgreSQL connection string shows no secret' {
    It 'keeps the secret out of verbose lines and errors of a server that cannot be reached (<_>)' -ForEach @(
        'Password=PgS3cret', 'Password="PgS3cret;X"', "Password='PgS3cret;X'", 'PWD=PgS3cret', 'PSW=PgS3cret',
        'SSL Password=PgS3cret', 'SslPassword=PgS3cret', 'password = "PgS3cret;X"'
    ) {
        $cs = "Host=127.0.0.1;Port=1;Timeout=2;$_;Username=nobody"
        $seen = @(Get-Shown { Get-CommerceChannel -Store $cs })
        $seen += Get-Shown { Connect-CommerceStore -ConnectionString $cs }
        $seen += Get-Shown { New-CommerceStore -ConnectionString $cs }
        $seen += Get-Shown { Get-CommerceStore -Store $cs }
        ($seen -join "`n") | Should -Not -BeNullOrEmpty
        ($seen -join "`n") | Should -Not -Match 'S3cret|X"|X''' -Because 'no part of the secret may be shown'
        ($seen -join "`n") | Should -Match '127\.0\.0\.1' -Because 'the rest of the connection string is still shown'
    }

    It 'shows nothing of a connection string that cannot be parsed' {
        $cs = 'Host=127.0.0.1;Port=1;PSW="PgS3cret'
        $seen = (Get-Shown { Get-CommerceStore -Store $cs }) -join "`n"
        $seen | Should -Match 'InvalidValue|StoreUnavailable|StoreNotFound'
        $seen | Should -Not -Match 'S3cret'
    }

    It 'gives a reachable store a Path without the secret' -Skip:(-not $env:COMMERCESYNC_TEST_POSTGRES) {
        $location = "$env:COMMERCESYNC_TEST_POSTGRES;Search Path=v_$([guid]::NewGuid().ToString('N').Substring(0, 20))"
        New-CommerceStore -ConnectionString $location | Out-Null
        foreach ($part in $SecretParts) {
            $store = Get-CommerceStore -Store "$location;$part"
            $store.Path | Should -Not -Match 'S3cret|X"|X'''
            $store.Path | Should -Match 'Search Path=v_' -Because 'the schema is still named'
            (Get-CommerceChannel -Store "$location;$part" -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join ' ' |
                Should -Not -Match 'S3cret'
            # The object still leads back to its store.
            Get-CommerceChannel -Store $store -ErrorAction Stop | Should -BeNullOrEmpty
        }
    }
}

Describe 'Ids match exactly' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S_1 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId 'S%2' -AsyncCustomerMode | Out-Null
        New-AsyncCustomer -Channel S0001 -FirstName A | Out-Null
        New-AsyncCustomer -Channel S_1 -FirstName B | Out-Null
        Invoke-PJob -Channel S0001 | Out-Null
        Invoke-PJob -Channel S_1 | Out-Null
    }

    It 'finds job runs only of the channel named, with _ and % as themselves' {
        # Neither names a channel of the store: ChannelNotFound (the rule for every named thing), and no run of S0001 comes out.
        @(Get-CommerceJobRun -Channel S_001 -ErrorAction SilentlyContinue -ErrorVariable e1).Count | Should -Be 0 -Because 'S_001 is not S0001'
        $e1[0].FullyQualifiedErrorId | Should -Be 'ChannelNotFound,CommerceSync.GetCommerceJobRun'
        @(Get-CommerceJobRun -Channel '%' -ErrorAction SilentlyContinue -ErrorVariable e2).Count | Should -Be 0 -Because '% is not every channel'
        $e2[0].FullyQualifiedErrorId | Should -Be 'ChannelNotFound,CommerceSync.GetCommerceJobRun'
        @(Get-CommerceJobRun -Channel S0001).ChannelIds | Should -Be @('S0001')
        @(Get-CommerceJobRun -Channel S_1).ChannelIds | Should -Be @('S_1')
        @(Get-CommerceJobRun -Channel s_1).ChannelIds | Should -Be @('S_1') -Because 'ids compare without case'
        @(Get-CommerceJobRun -Channel 'S%2').Count | Should -Be 0
        # '_' stays legal: a run of such a channel pipes on, and channels are found as written.
        $run = Get-CommerceJobRun -Channel S_1 -Last 1
        ($run | Convert-AsyncCustomer -ErrorAction Stop).Processed | Should -Be 1
        (Get-AsyncCustomer -Channel S_1).Status | Should -Be 'Converted'
        Get-CommerceChannel -Channel S_001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CommerceChannel -Channel 'S%2').ChannelId | Should -Be 'S%2'
        (Get-CommerceChannel -Channel 'S_*').ChannelId | Should -Be 'S_1'
    }

    It 'refuses a channel id that a job run could not keep apart, and creates nothing' {
        { New-CommerceChannel -ChannelId 'A,B' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceChannel'
        Get-CommerceChannel -Channel A -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CommerceChannel).ChannelId | Should -Not -Contain 'A,B'
    }
}

Describe 'Values at the edges of the rules' {
    BeforeEach {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
    }

    It 'keeps amounts of two decimals exactly, and the largest one allowed, and no more' {
        { New-CommerceTransaction -Channel S0001 -Amount 1000000000.001 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceTransaction'
        (New-CommerceTransaction -Channel S0001 -Amount 0.01).Amount | Should -Be 0.01
        (New-CommerceTransaction -Channel S0001 -Amount 999999999.99).Amount | Should -Be 999999999.99
        (New-CommerceTransaction -Channel S0001 -Amount 1000000000).Amount | Should -Be 1000000000
        (Get-CommerceTransaction).Amount | Should -Be @(0.01, 999999999.99, 1000000000)
    }

    It 'charges lines with decimal quantities to the cent' {
        $t = New-CommerceTransaction -Channel S0001 -Line @{ ItemId = 'CHEESE'; Quantity = 1.5; Price = 0.33 }, @{ ItemId = 'BREAD'; Quantity = '2'; Price = '1.10' }
        $t.Amount | Should -Be 2.70 -Because '0.495 rounds to 0.50, plus 2.20'
        (Get-CommerceTransaction -TransactionId $t.TransactionId).Amount | Should -Be 2.70
    }

    It 'takes today when no business date is given, a date given, and never today for [datetime]::MinValue' {
        { New-CommerceTransaction -Channel S0001 -Amount 1 -BusinessDate ([datetime]::MinValue) -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceTransaction'
        (New-CommerceTransaction -Channel S0001 -Amount 1).BusinessDate | Should -Be ([datetime]::UtcNow.Date)
        (New-CommerceTransaction -Channel S0001 -Amount 1 -BusinessDate '2001-02-03').BusinessDate | Should -Be ([datetime]'2001-02-03')
    }

    It 'takes ids with _ and -, and a currency in lower case, but no currency HQ refuses' {
        { New-CommerceChannel -ChannelId S0002 -DefaultCurrency 'US$' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceChannel'
        $ch = New-CommerceChannel -ChannelId 'S_0002-B' -DataAreaId 'us_1' -DefaultCustomerGroup 'RETAIL_30' -DefaultCurrency 'eur'
        $ch.DefaultCurrency | Should -Be 'EUR'
        (New-CommerceTransaction -Channel 'S_0002-B' -Amount 1 -TransactionId 'T_1%').TransactionId | Should -Be 'T_1%'
    }

    It 'takes characters outside the BMP (surrogate pairs) as text, but not half of one' {
        { New-AsyncCustomer -Channel S0001 -FirstName "Ann $([char]0xD83D)" -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewAsyncCustomer'
        (New-AsyncCustomer -Channel S0001 -FirstName 'Ann 🙂' -Attribute @{ Note = '𝄞' }).FirstName | Should -Be 'Ann 🙂'
    }

    It 'keeps a refused busy timeout from leaving a store file behind' {
        $path = Join-Path $TestDrive 'never.db'
        $env:COMMERCESYNC_BUSY_TIMEOUT = '1e30'
        try {
            { New-CommerceStore -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.NewCommerceStore'
            { Get-CommerceStore -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.GetCommerceStore'
        }
        finally { Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT }
        Test-Path $path | Should -BeFalse
    }

    It 'uses a busy timeout from the environment that is in range, and refuses one that is not' {
        $env:COMMERCESYNC_BUSY_TIMEOUT = '86401'
        try { { Get-CommerceStore -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidValue,CommerceSync.GetCommerceStore' }
        finally { Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT }
        $env:COMMERCESYNC_BUSY_TIMEOUT = '7.5'
        try { (Get-CommerceStore).BusyTimeout | Should -Be ([timespan]::FromSeconds(7.5)) }
        finally { Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT }
        $env:COMMERCESYNC_BUSY_TIMEOUT = ' '
        try { (Get-CommerceStore).BusyTimeout | Should -Be ([timespan]::FromSeconds(30)) -Because 'blank means unset' }
        finally { Remove-Item Env:COMMERCESYNC_BUSY_TIMEOUT }
    }
}
