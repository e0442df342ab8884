# How the cmdlet project is laid out, checked against its source and the compiled cmdlets: one cmdlet a file under
# Cmdlets/, named Verb-Noun.cs, and the parameter blocks many cmdlets share declared once, in the base class that owns them.
BeforeDiscovery {
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
    $script:Source = Join-Path $PSScriptRoot '../../src/CommerceSync.PowerShell'
    # The packaged module (COMMERCESYNC_MODULE) may be tested without its source beside it.
    $script:NoSource = -not (Test-Path -LiteralPath (Join-Path $Source 'Cmdlets'))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $source = (Resolve-Path (Join-Path $PSScriptRoot '../../src/CommerceSync.PowerShell')).Path
    $script:Files = Get-ChildItem -LiteralPath $source -Recurse -Filter *.cs |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        ForEach-Object {
            [pscustomobject]@{
                Relative = [IO.Path]::GetRelativePath($source, $_.FullName) -replace '\\', '/'
                Name     = $_.Name
                # Comments stripped, so a cmdlet named in a comment is not a cmdlet defined.
                Text     = (Get-Content -Raw -LiteralPath $_.FullName) -replace '(?s)/\*.*?\*/', '' -replace '(?m)//.*$', ''
            }
        }
    $script:Cmdlets = Get-Command -Module CommerceSync -CommandType Cmdlet | ForEach-Object {
        $type = $_.ImplementingType
        $file = @($Files | Where-Object { $_.Text -match "\bclass\s+$([regex]::Escape($type.Name))\b" })
        [pscustomobject]@{ Name = $_.Name; Type = $type; Files = $file.Relative }
    }

    function Get-Shape([System.Reflection.PropertyInfo] $Property) {
        # A parameter's declaration as the binder reads it: its sets with their flags, aliases, completer and other attributes.
        $attributes = $Property.GetCustomAttributes($true)
        $parts = foreach ($a in $attributes) {
            switch ($a) {
                { $_ -is [System.Management.Automation.ParameterAttribute] } {
                    "Parameter(set=$($a.ParameterSetName),mandatory=$($a.Mandatory),position=$($a.Position),byValue=$($a.ValueFromPipeline),byName=$($a.ValueFromPipelineByPropertyName))"; break
                }
                { $_ -is [System.Management.Automation.AliasAttribute] } { "Alias($($a.AliasNames -join ','))"; break }
                { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } { "Completer($($a.Type.Name))"; break }
                default { $_.GetType().Name }
            }
        }
        "$($Property.PropertyType.Name) " + (($parts | Sort-Object) -join ' ')
    }

    # The shared blocks: the shape each declares, and the one class that may declare it.
    $script:Shared = @(
        @{ Property = 'Channel'; Owner = 'ChannelScopedCmdlet'; Block = 'the channel scope'
            Shape = 'String[] Alias(ChannelId) Completer(ChannelIdCompleter) Parameter(set=__AllParameterSets,mandatory=False,position=0,byValue=False,byName=True) SupportsWildcardsAttribute' }
        @{ Property = 'Channel'; Owner = 'JobCmdlet`1'; Block = "a job's bulk-mode channel scope"
            Shape = 'String[] Alias(ChannelId) Completer(ChannelIdCompleter) Parameter(set=Bulk,mandatory=False,position=0,byValue=False,byName=True) SupportsWildcardsAttribute' }
        @{ Property = 'Channel'; Owner = 'ChannelTargetCmdlet'; Block = 'the one channel a change is made at'
            Shape = 'String Alias(ChannelId) Completer(ChannelIdCompleter) Parameter(set=__AllParameterSets,mandatory=True,position=0,byValue=False,byName=True)' }
        # Add-CommerceLoyaltyCard's -Channel also takes ViewChannelId (what a loyalty view pipes in), so it cannot sit on
        # ChannelTargetCmdlet and keeps its identity pair beside its own -Channel.
        @{ Property = 'AsyncCustomerId'; Owner = 'CustomerIdentityCmdlet'; Block = 'the customer identity'; Except = 'Add-CommerceLoyaltyCard'
            Shape = 'String Completer(AsyncCustomerIdCompleter) Parameter(set=Async,mandatory=True,position=-2147483648,byValue=False,byName=True)' }
        @{ Property = 'AccountNumber'; Owner = 'CustomerIdentityCmdlet'; Block = 'the customer identity'; Except = 'Add-CommerceLoyaltyCard'
            Shape = 'String Completer(AccountNumberCompleter) Parameter(set=Account,mandatory=True,position=-2147483648,byValue=False,byName=True)' }
    )
}

Describe 'Layout of the cmdlet project' -Skip:($PostgresPass -or $NoSource) {
    It 'defines at most one cmdlet in each file under Cmdlets/' {
        $crowded = foreach ($f in $Files | Where-Object Relative -like 'Cmdlets/*') {
            $n = ([regex]::Matches($f.Text, '\[\s*Cmdlet\s*\(')).Count
            if ($n -gt 1) { "$($f.Relative) ($n cmdlets)" }
        }
        $crowded | Should -BeNullOrEmpty -Because 'each cmdlet has a file of its own, Cmdlets/Verb-Noun.cs'
    }

    It 'defines every cmdlet under Cmdlets/, in a file named after it (Verb-Noun.cs)' {
        $misfiled = foreach ($c in $Cmdlets) {
            $expected = "Cmdlets/$($c.Name).cs"
            if (@($c.Files).Count -ne 1 -or @($c.Files)[0] -ne $expected) { "$($c.Name) ($($c.Type.Name)) is in '$($c.Files -join "', '")', not '$expected'" }
        }
        $misfiled | Should -BeNullOrEmpty
    }

    It 'keeps only cmdlets under Cmdlets/: bases, completers and helpers live elsewhere' {
        $cmdletFiles = $Cmdlets | ForEach-Object { $_.Files }
        $others = $Files | Where-Object { $_.Relative -like 'Cmdlets/*' -and $_.Relative -notin $cmdletFiles } | ForEach-Object Relative
        $others | Should -BeNullOrEmpty
    }

    It 'finds the shared blocks where it looks for them (the check below would pass vacuously otherwise)' {
        foreach ($s in $Shared) {
            $users = foreach ($c in $Cmdlets) {
                $p = $c.Type.GetProperty($s.Property)
                if ($p -and (Get-Shape $p) -eq $s.Shape) { $c.Name }
            }
            @($users).Count | Should -BeGreaterThan 1 -Because "several cmdlets take $($s.Block) (-$($s.Property))"
        }
    }

    It 'declares each shared parameter block once, in its base class, never again in a cmdlet' {
        $own = foreach ($c in $Cmdlets) {
            foreach ($s in $Shared) {
                $p = $c.Type.GetProperty($s.Property)
                if ($p -and (Get-Shape $p) -eq $s.Shape -and $p.DeclaringType.Name -ne $s.Owner -and $c.Name -notin $s.Except) {
                    "$($c.Name) declares $($s.Block) (-$($s.Property)) in $($p.DeclaringType.Name) instead of inheriting it from $($s.Owner)"
                }
            }
        }
        $own | Should -BeNullOrEmpty
    }

    It 'resolves -Channel in one place: no cmdlet looks channels up itself' {
        $own = foreach ($f in $Files | Where-Object Relative -like 'Cmdlets/*') {
            # A ChannelStore's Get or Resolve, called on the store made in place or on a variable holding one.
            if ($f.Text -match 'new\s+ChannelStore\s*\(\s*Db\s*\)\s*\.\s*(Resolve|Get)\s*\(' -or
                $f.Text -match '(?s)\b(\w+)\s*=\s*new\s+ChannelStore\s*\(\s*Db\s*\)\s*;.*\b\1\s*\.\s*(Resolve|Get)\s*\(') { $f.Relative }
        }
        $own | Should -BeNullOrEmpty -Because 'CommerceCmdlet.ResolveChannels and ResolveChannel are the one rule for what a -Channel value names'
    }
}

# Each engine lives in src/CommerceSync.Core/Data/Engines/<Engine>: nothing else names a provider's types, an engine class,
# or asks which backend a store is on (it asks a capability of the engine instead). StoreLocation.cs is the one exception:
# it decides a location's kind, once, from what the user typed.
Describe 'Engines apart' -Skip:$NoSource {
    BeforeAll {
        $root = (Resolve-Path (Join-Path $PSScriptRoot '../../src')).Path
        $script:EngineLeak = '\b(SqliteConnection|SqliteException|SqliteCommand|SqliteDataReader|SqliteOpenMode|SqliteEngine|SqliteFiles|PostgresEngine|PostgresSql|PostgresException|LenientReader)\b' +
            '|\bNpgsql|Microsoft\.Data\.Sqlite|SQLitePCL|\bStoreBackend\s*\.\s*(SQLite|PostgreSQL)\b|\bBackend\s*[!=]=|[!=]=\s*StoreBackend\b' +
            '|\bis\s+(Sqlite|Npgsql|Postgres)\w*|\bINDEXED\s+BY\b|\bNOT\s+INDEXED\b|\bCROSS\s+JOIN\b'
        $script:AllowedLeaks = @('CommerceSync.Core/Domain/StoreLocation.cs')
        function Get-EngineLeak([string] $Relative, [string] $Text) {
            # Comments stripped: a comment may say why SQLite plans a statement the way it does.
            $code = $Text -replace '(?s)/\*.*?\*/', '' -replace '(?m)//.*$', ''
            $n = 0
            foreach ($line in $code -split "`n") {
                $n++
                if ($line -match $EngineLeak) { "${Relative}:$n '$($Matches[0])': $($line.Trim())" }
            }
        }
        $script:Scanned = foreach ($project in 'CommerceSync.Core', 'CommerceSync.PowerShell') {
            Get-ChildItem -LiteralPath (Join-Path $root $project) -Recurse -Filter *.cs |
                Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
                ForEach-Object {
                    [pscustomobject]@{
                        Relative = "$project/" + ([IO.Path]::GetRelativePath((Join-Path $root $project), $_.FullName) -replace '\\', '/')
                        Text     = Get-Content -Raw -LiteralPath $_.FullName
                    }
                }
        }
    }

    It 'finds a leak where there is one (the scan itself)' {
        $sample = "if (Connection is SqliteConnection s) { }`nvar pg = db.Backend == StoreBackend.PostgreSQL;`nvar sql = `"FROM t INDEXED BY ix`";`nusing Npgsql;`n// a comment naming SqliteConnection is fine"
        @(Get-EngineLeak 'Sample.cs' $sample).Count | Should -Be 4
    }

    It 'has an engine class per engine, under Data/Engines' {
        $Scanned.Relative | Should -Contain 'CommerceSync.Core/Data/Engines/StoreEngine.cs'
        $Scanned.Relative | Should -Contain 'CommerceSync.Core/Data/Engines/Sqlite/SqliteEngine.cs'
        $Scanned.Relative | Should -Contain 'CommerceSync.Core/Data/Engines/Postgres/PostgresEngine.cs'
    }

    It 'names no engine type and branches on no backend outside Data/Engines' {
        $leaks = foreach ($f in $Scanned | Where-Object { $_.Relative -notlike 'CommerceSync.Core/Data/Engines/*' -and $_.Relative -notin $AllowedLeaks }) {
            Get-EngineLeak $f.Relative $f.Text
        }
        $leaks | Should -BeNullOrEmpty -Because 'what differs between engines is the engine class''s (a capability of StoreEngine, a PlannerHints placeholder), not a test of the backend'
    }
}
