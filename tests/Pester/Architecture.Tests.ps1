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

