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
            # The session's channels' Get or Resolve, called in place or on a variable holding them.
            if ($f.Text -match 'Session\s*\.\s*Channels\s*\.\s*(Resolve|Get)\s*\(' -or
                $f.Text -match '(?s)\b(\w+)\s*=\s*Session\s*\.\s*Channels\s*;.*\b\1\s*\.\s*(Resolve|Get)\s*\(') { $f.Relative }
        }
        $own | Should -BeNullOrEmpty -Because 'CommerceCmdlet.ResolveChannels and ResolveChannel are the one rule for what a -Channel value names'
    }
}

# The layers: a cmdlet reaches the store through Application/ (and Jobs/, Services/), never through a data class, and the
# rules in Rules/ are pure: no data type, no SQL, no connection.
Describe 'Layers' -Skip:($PostgresPass -or $NoSource) {
    BeforeAll {
        $core = [CommerceSync.CommerceSyncException].Assembly
        $types = try { $core.GetTypes() } catch [System.Reflection.ReflectionTypeLoadException] { $_.Exception.Types | Where-Object { $_ } }
        $script:DataNamespace = '^CommerceSync\.Data(\.|$)'
        $script:DataTypes = @($types | Where-Object { $_.Namespace -match $DataNamespace -and $_.Name -notmatch '^<' } |
            ForEach-Object { ($_.Name -split '`')[0] } | Sort-Object -Unique)
        $cmdlets = Get-Command -Module CommerceSync -CommandType Cmdlet
        # Records users see (output types) that would name a data namespace: none may (the two named CommerceSync.Storage since
        # the first release live in Domain/).
        $script:Records = @($cmdlets | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.Namespace -match $DataNamespace } |
            ForEach-Object Name | Sort-Object -Unique)
        # The files that open or create a store (from its StoreLocation) name StoreDatabase, and nothing else of Data/.
        $script:StoreOpening = @('Bases/CommerceCmdlet.cs', 'StoreResolution.cs', 'StoreInfo.cs', 'Completers.cs', 'ModuleLoader.cs',
            'Cmdlets/Connect-CommerceStore.cs', 'Cmdlets/Disconnect-CommerceStore.cs', 'Cmdlets/New-CommerceStore.cs', 'Cmdlets/Backup-CommerceStore.cs')
        # A data type whose name is also a parameter or a record's property (-OfflineDatabase, Channel.OfflineDatabase) cannot
        # be told apart in the source; the assembly check below covers it.
        $domain = @($types | Where-Object { $_.Namespace -eq 'CommerceSync' })
        $memberNames = @($cmdlets.ImplementingType + $domain | ForEach-Object { $_.GetProperties().Name }) | Sort-Object -Unique
        $script:ScannedTypes = @($DataTypes | Where-Object { $_ -notin $memberNames -and $_ -notin $Records })
        $script:PowerShellAssembly = $cmdlets[0].ImplementingType.Assembly.Location
        $script:RulesFiles = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot '../../src/CommerceSync.Core/Rules') -Filter *.cs | ForEach-Object {
            [pscustomobject]@{
                Name = $_.Name
                Text = (Get-Content -Raw -LiteralPath $_.FullName) -replace '(?s)/\*.*?\*/', '' -replace '(?m)//.*$', ''
            }
        })
    }

    It 'knows the data types and the files it checks (the checks below would pass vacuously otherwise)' {
        $DataTypes | Should -Contain 'ChannelStore'
        $DataTypes | Should -Contain 'StoreDatabase'
        $ScannedTypes | Should -Contain 'AsyncCustomerStore'
        $Files.Count | Should -BeGreaterThan 40
        $RulesFiles.Name | Should -Contain 'PosRules.cs'
    }

    It 'names no data type in any file of the cmdlet project: cmdlets call Application/ and Jobs/' {
        $uses = foreach ($f in $Files) {
            foreach ($t in $ScannedTypes) {
                if ($t -eq 'StoreDatabase' -and $f.Relative -in $StoreOpening) { continue }
                if ($f.Text -match "\b$t\b") { "$($f.Relative) names $t" }
            }
        }
        $uses | Should -BeNullOrEmpty -Because 'a cmdlet reaches the store through its Session (CommerceSync.Application), and jobs and services through Session.Database'
    }

    It 'references no data type from the compiled cmdlets but StoreDatabase (to open a store) and the records users see' {
        $stream = [IO.File]::OpenRead($PowerShellAssembly)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $referenced = foreach ($h in $md.TypeReferences) {
                $t = $md.GetTypeReference($h)
                $ns = $md.GetString($t.Namespace)
                # A nested type's namespace is its outer type's.
                $scope = $t
                while (-not $ns -and $scope.ResolutionScope.Kind -eq [System.Reflection.Metadata.HandleKind]::TypeReference) {
                    $scope = $md.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$scope.ResolutionScope)
                    $ns = $md.GetString($scope.Namespace)
                }
                if ($ns -match $DataNamespace) { $md.GetString($t.Name) }
            }
            $pe.Dispose()
        } finally { $stream.Dispose() }
        @($referenced) | Should -Contain 'StoreDatabase' -Because 'the store is opened in the cmdlet project (the check reads the references)'
        $referenced | Where-Object { $_ -ne 'StoreDatabase' -and $_ -notin $Records } | Sort-Object -Unique | Should -BeNullOrEmpty
    }

    It 'declares no output type from Data/: what a cmdlet writes is a record of Domain/' {
        $Records | Should -BeNullOrEmpty
    }

    It 'keeps Rules/ pure: no data type, no SQL, no connection' {
        $impure = foreach ($f in $RulesFiles) {
            if ($f.Text -match '\busing\s+(CommerceSync\.(Storage|Data)|System\.Data|Microsoft\.Data|Npgsql)\b') { "$($f.Name) uses $($Matches[1])" }
            foreach ($t in $DataTypes) { if ($f.Text -match "\b$t\b") { "$($f.Name) names $t" } }
            if ($f.Text -cmatch '\b(SELECT|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE|PRAGMA)\b') { "$($f.Name) holds SQL ($($Matches[1]))" }
            if ($f.Text -match '\b(\w*Connection|DbCommand|DbDataReader|DbTransaction)\b') { "$($f.Name) uses a connection ($($Matches[1]))" }
        }
        $impure | Should -BeNullOrEmpty -Because 'a rule decides from values alone; the caller asks the store and runs the SQL'
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
