# Import-AsyncCustomer as admins use it: a store's CSV or JSON Lines file, bad rows refused one by one with their line,
# and the same customers Import-Csv | New-AsyncCustomer makes from the same rows.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Sample = Join-Path $PSScriptRoot '../../docs/examples/customers.csv'

    function New-ImportStore {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S0001 -AsyncCustomerMode | Out-Null
        New-CommerceChannel -ChannelId S0002 -AsyncCustomerMode | Out-Null
    }

    # What a customer is, without what differs from run to run (GUIDs, counters, times, the store).
    function Get-CustomerShape {
        Get-AsyncCustomer | Sort-Object ChannelId, Name | ForEach-Object {
            $a = $_.Addresses | ForEach-Object { "$($_.Street)|$($_.City)|$($_.State)|$($_.ZipCode)|$($_.Country)|$($_.Purpose)|$($_.IsPrimary)" }
            "$($_.ChannelId)|$($_.FirstName)|$($_.MiddleName)|$($_.LastName)|$($_.Name)|$($_.RelationshipType)|$($_.Email)|$($_.Phone)|$($_.CustomerGroup)|$($_.Currency)|$($_.Language)|$($_.Status)|$($a -join ';')"
        }
    }
}

Describe 'Import-AsyncCustomer' {
    BeforeEach { New-ImportStore }

    It 'reads exactly the columns New-AsyncCustomer binds by property name' {
        $bound = (Get-Command New-AsyncCustomer).Parameters.Values |
            Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName } } |
            Where-Object Name -ne 'Store' | ForEach-Object { $_.Name; $_.Aliases }
        $read = [CommerceSync.Services.AsyncCustomerImport]::Columns.Keys
        @($read | Sort-Object) | Should -Be @($bound | Sort-Object)
    }

    It 'makes the same customers as Import-Csv | New-AsyncCustomer from the same file' {
        $result = Import-AsyncCustomer -Path $Sample
        $result | Should -BeOfType CommerceSync.CustomerImportResult
        $result.Rows | Should -Be 6
        $result.Created | Should -Be 6
        $result.Failed | Should -Be 0
        $result.ChannelIds | Should -Be @('S0001', 'S0002')
        $fast = Get-CustomerShape

        New-ImportStore
        Import-Csv $Sample | New-AsyncCustomer | Out-Null
        $slow = Get-CustomerShape
        $fast | Should -Be $slow
        $fast.Count | Should -Be 6
    }

    It 'refuses each bad row alone, naming its line, and imports the rest' {
        $file = Join-Path $TestDrive 'bad.csv'
        # Line 5-6 is one row (a quoted line break); line 7 is blank and no row.
        Set-Content $file -Value @(
            'Channel,FirstName,LastName,Email'
            'S0001,Ada,Lovelace,ada@example.com'
            'S0001,,,'
            'S9999,Bob,Nope,bob@example.com'
            'S0001,"Multi'
            'Line",Name,ml@example.com'
            ''
            'S0001,Carl,Last,not-an-email-but-fine-at-the-pos'
            'S0001,Dee,Last,dee@example.com,extra'
        )
        $result = Import-AsyncCustomer -Path $file -ErrorAction SilentlyContinue -ErrorVariable refused
        $result.Rows | Should -Be 6
        $result.Created | Should -Be 3
        $result.Failed | Should -Be 3
        $refused.Count | Should -Be 3
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'NameRequired,*'
        $refused[0].TargetObject | Should -Be "${file}:3"
        $refused[0].ErrorDetails.Message | Should -BeLike 'Line 3 of bad.csv: *'
        $refused[1].FullyQualifiedErrorId | Should -BeLike 'ChannelNotFound,*'
        $refused[1].TargetObject | Should -Be "${file}:4"
        $refused[2].TargetObject | Should -Be "${file}:9"
        $refused[2].ErrorDetails.Message | Should -Match 'fields'
        (Get-AsyncCustomer).FirstName | Should -Be @('Ada', "Multi`nLine", 'Carl')
    }

    It 'reads JSON Lines by their extension, with the same rules' {
        $file = Join-Path $TestDrive 'rows.jsonl'
        Set-Content $file -Value @(
            '{"ChannelId":"S0002","FirstName":"Jay","Email":"jay@example.com","ZipCode":98052,"Shoe":44}'
            '{"Channel":"S0002","FirstName":{"nested":true}}'
            'not json'
            '{"Channel":"S0002","LastName":"Only","RelationshipType":"Organization"}'
        )
        $result = Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable refused -WarningVariable warned -WarningAction SilentlyContinue
        $result.Format | Should -Be 'JsonLines'
        $result.Created | Should -Be 2
        $result.IgnoredColumns | Should -Be @('Shoe')
        $warned | Should -Match "'Shoe'"
        $refused.TargetObject | Should -Be @("${file}:2", "${file}:3")
        $jay = Get-AsyncCustomer -Name Jay
        $jay.Addresses[0].ZipCode | Should -Be '98052'
        (Get-AsyncCustomer -Name Only).RelationshipType | Should -Be 'Organization'
    }

    It 'gives rows that name no channel the one -Channel names, and lets a row keep its own' {
        $file = Join-Path $TestDrive 'mixed.csv'
        Set-Content $file -Value 'Channel,FirstName', ',Nia', 'S0001,Oli'
        Import-AsyncCustomer $file -Channel S0002 | Out-Null
        (Get-AsyncCustomer -Name Nia).ChannelId | Should -Be 'S0002'
        (Get-AsyncCustomer -Name Oli).ChannelId | Should -Be 'S0001'
    }

    It 'reads another delimiter and encoding when told, and detects a tab-separated header' {
        $semi = Join-Path $TestDrive 'semi.csv'
        [IO.File]::WriteAllText($semi, "FirstName;LastName;City`nZo$([char]0xEB);M$([char]0xFC)ller;K$([char]0xF6)ln`n", [Text.Encoding]::Latin1)
        Import-AsyncCustomer $semi -Channel S0001 -Delimiter ';' -Encoding latin1 | Out-Null
        $zoe = Get-AsyncCustomer -Name 'Zo*'
        $zoe.FirstName | Should -Be "Zo$([char]0xEB)"
        $zoe.Addresses[0].City | Should -Be "K$([char]0xF6)ln"

        $tabs = Join-Path $TestDrive 'tabs.tsv'
        Set-Content $tabs -Value "FirstName`tEmail", "Tab`ttab@example.com"
        Import-AsyncCustomer $tabs -Channel S0001 | Out-Null
        (Get-AsyncCustomer -Name Tab).Email | Should -Be 'tab@example.com'
    }

    It 'refuses an AsyncCustomerId given twice, naming the first line, and one the store has' {
        $id = [guid]::NewGuid()
        $file = Join-Path $TestDrive 'ids.csv'
        Set-Content $file -Value 'Channel,AsyncCustomerId,FirstName', "S0001,$id,One", "S0001,$id,Two"
        Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable twice | Out-Null
        $twice.FullyQualifiedErrorId | Should -BeLike 'AsyncCustomerExists,*'
        $twice.Exception.Message | Should -Match 'line 2'
        Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable again | Out-Null
        $again.Count | Should -Be 2
        @(Get-AsyncCustomer).Count | Should -Be 1
    }

    It 'imports a file bigger than a chunk whole, and the pipeline of Get-ChildItem by PSPath' {
        $dir = Join-Path $TestDrive 'many'
        New-Item -ItemType Directory $dir | Out-Null
        1..2 | ForEach-Object {
            $n = $_
            Set-Content (Join-Path $dir "f$n.csv") -Value (@('Channel,FirstName') + (1..25 | ForEach-Object { "S0002,P$n-$_" }))
        }
        $results = Get-ChildItem $dir -Filter *.csv | Import-AsyncCustomer -ChunkSize 7
        $results.Created | Should -Be @(25, 25)
        @(Get-AsyncCustomer -Channel S0002).Count | Should -Be 50
    }

    It 'changes nothing with -WhatIf' {
        Import-AsyncCustomer $Sample -WhatIf | Should -BeNullOrEmpty
        @(Get-AsyncCustomer).Count | Should -Be 0
    }

    It 'names a missing file and a header with no customer column, and goes on with the next file' {
        $none = Join-Path $TestDrive 'no-such.csv'
        $junk = Join-Path $TestDrive 'junk.csv'
        Set-Content $junk -Value 'Colour,Shape', 'red,round'
        $result = Import-AsyncCustomer -LiteralPath $none, $Sample -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing.FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $result.Created | Should -Be 6
        { Import-AsyncCustomer $junk -ErrorAction Stop } | Should -Throw -ErrorId 'ImportFileUnreadable,*'
    }

    It 'stops at the first refused row with -ErrorAction Stop, with every row before it in the store' {
        $file = Join-Path $TestDrive 'stop.csv'
        # The bad row is in the middle of a chunk: the rows before it are written before its error.
        Set-Content $file -Value (@('Channel,FirstName') + (1..12 | ForEach-Object { "S0001,R$_" }) + 'S0001,' + 'S0001,After')
        { Import-AsyncCustomer $file -ChunkSize 5 -ErrorAction Stop } | Should -Throw -ErrorId 'NameRequired,*'
        @(Get-AsyncCustomer).Count | Should -Be 12
        Get-AsyncCustomer -Name After | Should -BeNullOrEmpty
    }

    It 'refuses a JSON line cut short, whatever it held before the cut' {
        $file = Join-Path $TestDrive 'cut.jsonl'
        Set-Content $file -Value @(
            '{"Channel":"S0001","FirstName":"T1"'
            '{"Channel":"S0001","FirstName":"T2","LastName":'
            '{"Channel":"S0001","FirstName":"T3",'
            '{"Channel":"S0001","FirstName":"Whole"}'
        )
        $result = Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable cut
        $result.Created | Should -Be 1
        $cut.TargetObject | Should -Be @("${file}:1", "${file}:2", "${file}:3")
        (Get-AsyncCustomer).FirstName | Should -Be @('Whole')
    }

    It 'names a file it cannot read on with its line, keeps the rows before it, and goes on with the next file' {
        $broken = Join-Path $TestDrive 'a-broken.csv'
        Set-Content $broken -Value 'Channel,FirstName', 'S0001,Before', 'S0001,"Never closed'
        $next = Join-Path $TestDrive 'b-next.csv'
        Set-Content $next -Value 'Channel,FirstName', 'S0001,Next'
        $results = Import-AsyncCustomer -LiteralPath $broken, $next -ErrorAction SilentlyContinue -ErrorVariable unreadable
        $unreadable.Count | Should -Be 1
        $unreadable[0].FullyQualifiedErrorId | Should -BeLike 'ImportFileUnreadable,*'
        $unreadable[0].TargetObject | Should -Be "${broken}:3"
        $unreadable[0].ErrorDetails.Message | Should -BeLike 'Line 3 of a-broken.csv: *'
        $results.Count | Should -Be 2
        $results[0].Created | Should -Be 1
        (Get-AsyncCustomer).FirstName | Should -Be @('Before', 'Next')
    }

    It 'refuses a Latin-1 file read as UTF-8 with a hint, instead of storing broken characters' {
        $file = Join-Path $TestDrive 'latin.csv'
        [IO.File]::WriteAllText($file, "Channel,FirstName`nS0001,Zo$([char]0xEB)`n", [Text.Encoding]::Latin1)
        Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable notUtf8 | Out-Null
        $notUtf8.FullyQualifiedErrorId | Should -BeLike 'ImportFileUnreadable,*'
        $notUtf8.Exception.Message | Should -Match '-Encoding'
        Get-AsyncCustomer | Should -BeNullOrEmpty
        Import-AsyncCustomer $file -Encoding latin1 | Out-Null
        (Get-AsyncCustomer).FirstName | Should -Be "Zo$([char]0xEB)"
    }

    It 'refuses a row with a field far too long alone, by the rules, and reads on' {
        $file = Join-Path $TestDrive 'long.csv'
        Set-Content $file -Value 'Channel,FirstName,LastName', "S0001,Long,$('x' * 70000)", 'S0001,Short,Row'
        $result = Import-AsyncCustomer $file -ErrorAction SilentlyContinue -ErrorVariable tooLong
        $result.Created | Should -Be 1
        $tooLong.TargetObject | Should -Be "${file}:2"
        (Get-AsyncCustomer).FirstName | Should -Be @('Short')
    }
}
