# What the module's tables and lists show, checked for every view in the format file (so a view added later is covered):
# each header is a property a user can filter, sort and select on, and each default table fits an 80-column console.
BeforeDiscovery {
    $formatFile = Join-Path $PSScriptRoot '../../module/CommerceSync.format.ps1xml'
    [xml] $xml = Get-Content -LiteralPath $formatFile -Raw
    $seenTable = @{}
    $script:viewCases = foreach ($v in $xml.Configuration.ViewDefinitions.View) {
        $typeName = $v.ViewSelectedBy.TypeName
        $table = $v.TableControl
        $list = $v.ListControl
        if ($table) {
            $headers = @($table.TableHeaders.TableColumnHeader)
            $items = @($table.TableRowEntries.TableRowEntry | Select-Object -First 1).TableColumnItems.TableColumnItem
            $columns = for ($i = 0; $i -lt $headers.Count; $i++) {
                $property = if ($items[$i].PropertyName) { "$($items[$i].PropertyName)".Trim() }
                $label = if ($headers[$i].Label) { "$($headers[$i].Label)".Trim() } else { $property }
                @{ Label = $label; PropertyName = $property }
            }
            $isDefault = -not $seenTable[$typeName]
            $seenTable[$typeName] = $true
            @{ Name = $v.Name; TypeName = $typeName; Kind = 'Table'; Columns = @($columns); IsDefault = $isDefault
                GroupBy = if ($v.GroupBy) { if ($v.GroupBy.Label) { "$($v.GroupBy.Label)" } else { "$($v.GroupBy.PropertyName)" } } }
        }
        elseif ($list) {
            $items = @($list.ListEntries.ListEntry | Select-Object -First 1).ListItems.ListItem
            $columns = foreach ($item in $items) {
                $property = if ($item.PropertyName) { "$($item.PropertyName)".Trim() }
                @{ Label = if ($item.Label) { "$($item.Label)".Trim() } else { $property }; PropertyName = $property }
            }
            @{ Name = $v.Name; TypeName = $typeName; Kind = 'List'; Columns = @($columns); IsDefault = $false; GroupBy = $null }
        }
    }
    $script:defaultTables = @($viewCases | Where-Object { $_.Kind -eq 'Table' -and $_.IsDefault })
    $script:otherTables = @($viewCases | Where-Object { $_.Kind -eq 'Table' -and -not $_.IsDefault })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:rendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    # One small store through the whole conversion, with the values that make tables break: GUID ids, 40-character names,
    # long streets and cities, failure reasons, statements and orders that failed for their customer.
    New-TestStore | Out-Null
    # Legacy posting fails a statement whole, with the reason: the longest Statement row there is.
    Set-CommerceStore -StatementPostingMode Legacy
    $pool = [System.Collections.Generic.List[object]]::new()
    function Add-ToPool { param([Parameter(ValueFromPipeline)] $InputObject) process { if ($null -ne $InputObject) { $pool.Add($InputObject) } } }

    New-CommerceChannel S0001 'Seattle Pike Place flagship store' -AsyncCustomerMode -OfflineDatabase -DataAreaId USRT | Add-ToPool
    New-CommerceChannel S0002 'Redmond Town Center' -AsyncCustomerMode -DataAreaId USRT | Add-ToPool
    $long = New-AsyncCustomer S0001 -FirstName 'Alexandria-Maximiliana' -LastName 'Montgomery-Wellington' `
        -Email 'alexandria.montgomery-wellington@contoso-retail.example.com' -Phone '+1 206 555 0100' `
        -Address @{ Street = '1234 North Pacific Coast Highway Suite 500'; City = 'San Juan Capistrano'; ZipCode = '92675'; Country = 'USA' } `
        -Attribute @{ LoyaltyTier = 2; Newsletter = $true }
    $long | Add-ToPool
    $refused = New-AsyncCustomer S0001 -FirstName 'Bartholomew' -LastName 'Featherstonehaugh-Smythe' -Email 'not-an-email'
    $refused | Add-ToPool
    New-AsyncCustomer S0002 -FirstName 'Ada' -LastName 'Lovelace' -Currency 'EURO' | Add-ToPool
    New-AsyncCustomer S0002 -FirstName 'Zoe' -LastName 'Zhang' -Email 'zoe@example.com' | Add-ToPool
    New-AsyncCustomer S0002 -FirstName 'Zoe' -LastName 'Zhang' -Email ' ZOE@example.com' | Add-ToPool
    New-AsyncCustomerAddress S0001 -AsyncCustomerId $long.AsyncCustomerId -Street '77 Massachusetts Avenue Building 10' -City 'Cambridge-upon-Charles' -Country 'USA' | Add-ToPool
    $long | New-CommerceTransaction -Type CustomerOrder -Amount 1234567.89 | Add-ToPool
    $refused | New-CommerceTransaction -Type CustomerOrder -Amount 99.5 | Add-ToPool
    $refused | New-CommerceTransaction -Amount 12.25 | Add-ToPool
    New-CommerceTransaction -Channel S0002 -Amount 3 | Add-ToPool
    New-CommerceCustomerAttribute 'PreferredContactChannelForPromotions' Text -AllowedValues Email, 'Text message', Letter -Group 'Retail loyalty programme' | Add-ToPool
    New-CommerceCustomerAttribute 'HouseholdSize' Decimal -Minimum -999.99 -Maximum 99999.99 -Group 'Retail loyalty programme' | Add-ToPool

    Invoke-PJob | Add-ToPool
    Convert-AsyncCustomer -ErrorAction SilentlyContinue | Add-ToPool
    Sync-CommerceOrder -ErrorAction SilentlyContinue | Add-ToPool
    Invoke-StatementPosting -ErrorAction SilentlyContinue | Add-ToPool
    Invoke-Job1010 | Add-ToPool
    $account = (Get-AsyncCustomer -AsyncCustomerId $long.AsyncCustomerId).AccountNumber
    New-AsyncCustomer S0001 -FirstName 'Waiting' -LastName 'For-The-Next-P-Job-To-Run-Tonight' | Add-ToPool
    New-AsyncCustomerAddress S0001 -AccountNumber $account -Street '500 Fifth Avenue' -City 'Seattle' -Country 'USA' | Add-ToPool
    Set-AsyncCustomer -Channel S0001 -AccountNumber $account -Email 'alex@example.com' -PassThru | Add-ToPool
    Disable-AsyncCustomer -Channel S0002 -AsyncCustomerId (Get-AsyncCustomer S0002 -Name Zoe | Select-Object -First 1).AsyncCustomerId -PassThru | Add-ToPool
    Add-CommerceLoyaltyCard -Channel S0001 -AccountNumber $account | Add-ToPool
    New-CommerceTransaction -Channel S0001 -Type CustomerOrder -AccountNumber $account -Amount 42 | Invoke-PJob | Sync-CommerceOrder | Add-ToPool
    Invoke-AsyncCustomerConversion -ErrorAction SilentlyContinue | Add-ToPool
    Get-CommerceCustomer -Channel S0001 | Add-ToPool
    Get-CommerceCustomer -Channel S0001 -Offline | Add-ToPool
    Find-CommerceCustomer 'Alexandria' -Channel S0001 | Add-ToPool
    Get-AsyncCustomerOperation | Add-ToPool
    Test-CommerceSync -Detailed | Add-ToPool
    Test-CommerceStore -Detailed | Add-ToPool
    Find-CommerceDuplicateCustomer -MinimumScore 0.3 | Add-ToPool
    Export-CommerceData -Path (Join-Path $TestDrive 'views-export-of-the-whole-store.jsonl') | Add-ToPool
    Import-AsyncCustomer -Path (Join-Path $PSScriptRoot '../../docs/examples/customers.csv') | Add-ToPool
    Set-CommerceDistributionSchedule 1010 -DatabaseGroup Default, 'Seattle-flagship-stores' -ExcludeFromOfflineDatabases -PassThru | Add-ToPool
    Get-CommerceDataSession | Add-ToPool
    $traced = Get-CommerceCustomerTrace -AsyncCustomerId $long.AsyncCustomerId
    $traced | Add-ToPool
    $traced.Steps | Add-ToPool
    # Every reading cmdlet that needs no argument, so the objects of cmdlets added later are here too.
    foreach ($command in Get-Command -Module CommerceSync -Verb Get) {
        $mandatory = $command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory } }
        if (-not $mandatory) { & $command | Add-ToPool }
    }
    $script:pool = $pool

    function Get-ViewObject([string] $TypeName) {
        @($script:pool | Where-Object { $_.pstypenames -contains $TypeName })
    }

    # The table as a console of that width shows it: its header lines (before the dashes), its dash groups, all its lines.
    function Get-RenderedTable($Objects, [int] $Width, [string] $View) {
        $text = if ($View) { $Objects | Format-Table -View $View | Out-String -Width $Width } else { $Objects | Format-Table | Out-String -Width $Width }
        $lines = @($text -split "`r?`n")
        $dash = 0
        while ($dash -lt $lines.Count -and $lines[$dash] -notmatch '^[\s-]*-[\s-]*$') { $dash++ }
        $first = $dash
        while ($first -gt 0 -and $lines[$first - 1].Trim() -and $lines[$first - 1] -notmatch '^\s*\S+: ') { $first-- }
        [pscustomobject]@{
            Text = $text
            HeaderLines = @(if ($dash -lt $lines.Count) { $lines[$first..($dash - 1)] })
            Dashes = @(if ($dash -lt $lines.Count) { $lines[$dash].Trim() -split '\s+' })
            Lines = $lines
        }
    }

    function Assert-TableFits($Case, [int] $Width) {
        $objects = Get-ViewObject $Case.TypeName
        $t = Get-RenderedTable $objects $Width ($Case.IsDefault ? $null : $Case.Name)
        $labels = @($Case.Columns.Label)
        $t.HeaderLines.Count | Should -Be 1 -Because "every header of $($Case.Name) must stay on one line at $Width columns:`n$($t.Text)"
        @($t.HeaderLines[0].Trim() -split '\s+') | Should -Be $labels -Because "$($Case.Name) must show every column, each header whole, at $Width columns:`n$($t.Text)"
        $t.Dashes.Count | Should -Be $labels.Count
        foreach ($l in $t.Lines) { $l.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$l' must fit $Width columns" }
    }
}

AfterAll { $PSStyle.OutputRendering = $script:rendering }

Describe 'Every view of every type' {
    It '<Name> (<TypeName>) shows objects a real store made' -ForEach $viewCases {
        Get-ViewObject $TypeName | Should -Not -BeNullOrEmpty -Because "the store built here must hold a $TypeName (add a line that makes one)"
    }

    It '<Name> (<TypeName>) heads each column with the name of a property of the object' -ForEach $viewCases {
        $objects = Get-ViewObject $TypeName
        $objects | Should -Not -BeNullOrEmpty
        $properties = @($objects[0].PSObject.Properties.Name)
        foreach ($c in $Columns) {
            $properties | Should -Contain $c.Label -Because "'$($c.Label)' in $Name must be a property a user can filter, sort and select on"
            if ($c.PropertyName) { $c.Label | Should -BeExactly $c.PropertyName -Because "a header over $($c.PropertyName) must say $($c.PropertyName)" }
        }
        if ($GroupBy) { $properties | Should -Contain $GroupBy }
    }
}

Describe 'Default tables in a console' {
    It '<Name> keeps every column and header whole at 80 columns' -ForEach $defaultTables {
        Assert-TableFits $_ 80
    }

    It '<Name> keeps every column and header whole at 120 columns' -ForEach $defaultTables {
        Assert-TableFits $_ 120
    }

    It '<TypeName> -View <Name> keeps every column and header whole at 120 columns' -ForEach $otherTables {
        Assert-TableFits $_ 120
    }

    It 'shows why the sync job refused a customer, in the default table at 80 columns' {
        $refusedNow = Get-AsyncCustomer -Status Failed | Where-Object AsyncCustomerId -eq $refused.AsyncCustomerId
        $refusedNow.Error | Should -Not -BeNullOrEmpty
        $text = Get-AsyncCustomer -Status Failed | Format-Table | Out-String -Width 80
        ($text -replace '\s+', ' ') | Should -Match ([regex]::Escape($refusedNow.Error.Substring(0, 20)))
        $text = Get-AsyncCustomer -Status Failed | Format-Table | Out-String -Width 120
        ($text -replace '\s+', ' ') | Should -Match ([regex]::Escape($refusedNow.Error))
    }
}
