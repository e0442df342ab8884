# Help without PlatyPS: the pages in docs/ follow PlatyPS's markdown schema 2.0.0; these functions read them, write MAML
# and the about topic, and (for authors) bring a page's SYNTAX and parameter blocks in line with the cmdlet's metadata.

# Where Get-Help <cmdlet> -Online opens a cmdlet's page: the docs folder of the project the manifest names (ProjectUri),
# then '<cmdlet>.md'; a page's own "online version:" overrides it.
$HelpOnlineBase = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../CommerceSync.psd1')).PrivateData.PSData.ProjectUri.TrimEnd('/') + '/blob/main/docs/'

function Read-HelpMarkdown {
    # Parses one PlatyPS v1 page into a plain object: Name, Synopsis, Description, Examples, Parameters, Inputs, Outputs, Notes, Links.
    param([Parameter(Mandatory)] [string] $Path)
    $text = (Get-Content -Raw -LiteralPath $Path) -replace "`r`n", "`n"
    $online = if ($text -match '(?s)^---\n(.*?)\n---\n' -and $Matches[1] -match '(?m)^online version:[ \t]*(\S+)') { $Matches[1] }
    $text = $text -replace '(?s)^---\n.*?\n---\n', ''
    $page = [ordered]@{ Name = $null; OnlineVersion = $online; Synopsis = ''; Description = ''; Examples = @(); Parameters = @(); Inputs = @(); Outputs = @(); Notes = ''; Links = @() }
    if ($text -match '(?m)^# (\S+)') { $page.Name = $Matches[1] }
    $sections = [regex]::Split($text, '(?m)^## ') | Select-Object -Skip 1
    foreach ($section in $sections) {
        $title, $body = $section -split "`n", 2
        $title = $title.Trim()
        $body = "$body"
        switch ($title) {
            'SYNOPSIS' { $page.Synopsis = $body.Trim() }
            'DESCRIPTION' { $page.Description = $body.Trim() }
            'NOTES' { $page.Notes = $body.Trim() }
            'EXAMPLES' {
                $page.Examples = @(foreach ($ex in ([regex]::Split($body, '(?m)^### ') | Select-Object -Skip 1)) {
                        $exTitle, $exBody = $ex -split "`n", 2
                        $code = if ($exBody -match '(?s)```(?:powershell)?\n(.*?)\n```') { $Matches[1] } else { '' }
                        $remarks = ($exBody -replace '(?s)```(?:powershell)?\n.*?\n```', '').Trim()
                        # What the example needs before it runs in a fresh store, from its first lines: "# Needs: <command>"
                        # is run first (as a user would); "# Needs <what>: <why>" (PostgreSQL, a second process) is what
                        # a fresh store cannot give, so the example tests skip it unless they have it.
                        $needs = @(); $requires = @()
                        foreach ($line in ($code -split "`n")) {
                            if ($line -match '^#\s*Needs:\s*(.+)$') { $needs += $Matches[1].Trim() }
                            elseif ($line -match '^#\s*Needs\s+([^:]+):') { $requires += $Matches[1].Trim() }
                            else { break }
                        }
                        [pscustomobject]@{ Title = $exTitle.Trim(); Code = $code; Remarks = $remarks; Needs = $needs; Requires = $requires }
                    })
            }
            'PARAMETERS' {
                $page.Parameters = @(foreach ($p in ([regex]::Split($body, '(?m)^### ') | Select-Object -Skip 1)) {
                        $pTitle, $pBody = $p -split "`n", 2
                        if ($pTitle.Trim() -eq 'CommonParameters') { continue }
                        $description = ($pBody -split '```yaml')[0].Trim()
                        $blocks = @([regex]::Matches($pBody, '(?s)```yaml\n(.*?)\n```') | ForEach-Object {
                                $yaml = [ordered]@{}
                                foreach ($line in ($_.Groups[1].Value -split "`n")) {
                                    if ($line -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() }
                                }
                                [pscustomobject]$yaml
                            })
                        [pscustomobject]@{ Name = $pTitle.Trim().TrimStart('-'); Description = $description; Blocks = $blocks }
                    })
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                $items = @(foreach ($i in ([regex]::Split($body, '(?m)^### ') | Select-Object -Skip 1)) {
                        $iTitle, $iBody = $i -split "`n", 2
                        [pscustomobject]@{ Type = $iTitle.Trim(); Description = "$iBody".Trim() }
                    })
                if ($title -eq 'INPUTS') { $page.Inputs = $items } else { $page.Outputs = $items }
            }
            'RELATED LINKS' {
                $page.Links = @([regex]::Matches($body, '\[([^\]]+)\]\(([^)]*)\)') | ForEach-Object { [pscustomobject]@{ Text = $_.Groups[1].Value; Uri = $_.Groups[2].Value } })
            }
        }
    }
    [pscustomobject]$page
}

function Get-YamlValue($Block, [string] $Key) {
    # Yaml keys a page may leave out (Accepted values, Aliases) read as $null, also under Set-StrictMode.
    $p = $Block.PSObject.Properties[$Key]
    if ($p) { $p.Value }
}

function ConvertTo-MamlHelp {
    # Writes one MAML file (CommerceSync.PowerShell.dll-Help.xml) for all pages, the shape New-ExternalHelp writes.
    param([Parameter(Mandatory)] [string[]] $Path, [Parameter(Mandatory)] [string] $Destination, [string] $OnlineBase = $HelpOnlineBase)
    $ns = @{
        maml = 'http://schemas.microsoft.com/maml/2004/10'; command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev = 'http://schemas.microsoft.com/maml/dev/2004/10'; MSHelp = 'http://msdn.microsoft.com/mshelp'
    }
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $w = [System.Xml.XmlWriter]::Create($Destination, $settings)
    function Paras([string] $Text, [string] $Element = 'description') {
        $w.WriteStartElement('maml', $Element, $ns.maml)
        foreach ($para in ($Text -split "\n\s*\n")) {
            $w.WriteElementString('maml', 'para', $ns.maml, ($para -replace '\s*\n\s*', ' ').Trim())
        }
        $w.WriteEndElement()
    }
    function Parameter($p, $block, [bool] $inSyntax) {
        $w.WriteStartElement('command', 'parameter', $ns.command)
        $w.WriteAttributeString('required', "$((Get-YamlValue $block 'Required') -eq 'True')".ToLowerInvariant())
        $w.WriteAttributeString('variableLength', 'true')
        $w.WriteAttributeString('globbing', "$((Get-YamlValue $block 'Accept wildcard characters') -eq 'True')".ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', (Get-YamlValue $block 'Accept pipeline input'))
        $w.WriteAttributeString('position', ((Get-YamlValue $block 'Position') -eq 'Named' ? 'named' : (Get-YamlValue $block 'Position')))
        $w.WriteAttributeString('aliases', ((Get-YamlValue $block 'Aliases') ? (Get-YamlValue $block 'Aliases') : 'none'))
        $w.WriteElementString('maml', 'name', $ns.maml, $p.Name)
        # Lower case, as the MAML PowerShell ships: XML names are case-sensitive, and readers of MAML look for 'description'.
        Paras $p.Description
        if ((Get-YamlValue $block 'Accepted values')) {
            $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
            foreach ($v in ((Get-YamlValue $block 'Accepted values') -split ',\s*')) {
                $w.WriteStartElement('command', 'parameterValue', $ns.command)
                $w.WriteAttributeString('required', 'false'); $w.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
                $w.WriteString($v); $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }
        $isSwitch = (Get-YamlValue $block 'Type') -eq 'SwitchParameter'
        # A switch takes no value: in a syntax line it is [-WhatIf], as built-in cmdlets show it (Get-Help prints
        # <parameterValue> after the name whenever there is one).
        if (-not ($isSwitch -and $inSyntax)) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', "$(-not $isSwitch)".ToLowerInvariant()); $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString((Get-YamlValue $block 'Type')); $w.WriteEndElement()
        }
        $w.WriteStartElement('dev', 'type', $ns.dev)
        $w.WriteElementString('maml', 'name', $ns.maml, (Get-YamlValue $block 'Type')); $w.WriteElementString('maml', 'uri', $ns.maml, '')
        $w.WriteEndElement()
        $w.WriteElementString('dev', 'defaultValue', $ns.dev, ((Get-YamlValue $block 'Default value') ? (Get-YamlValue $block 'Default value') : 'None'))
        $w.WriteEndElement()
    }

    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', 'http://msh')
    $w.WriteAttributeString('schema', 'maml')
    foreach ($file in $Path) {
        $page = Read-HelpMarkdown -Path $file
        $verb, $noun = $page.Name -split '-', 2
        $w.WriteStartElement('command', 'command', $ns.command)
        foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }
        $w.WriteStartElement('command', 'details', $ns.command)
        $w.WriteElementString('command', 'name', $ns.command, $page.Name)
        $w.WriteElementString('command', 'verb', $ns.command, $verb)
        $w.WriteElementString('command', 'noun', $ns.command, $noun)
        Paras $page.Synopsis
        $w.WriteEndElement()
        Paras $page.Description
        # Syntax: one item per parameter set, from the yaml blocks' "Parameter Sets".
        $sets = @((@($page.Parameters | ForEach-Object { $_.Blocks }) | ForEach-Object { Get-YamlValue $_ 'Parameter Sets' }) | ForEach-Object { $_ -split ',\s*' } | Where-Object { $_ -ne '(All)' } | Select-Object -Unique)
        if (-not $sets) { $sets = @('(All)') }
        $w.WriteStartElement('command', 'syntax', $ns.command)
        foreach ($set in $sets) {
            $w.WriteStartElement('command', 'syntaxItem', $ns.command)
            $w.WriteElementString('maml', 'name', $ns.maml, $page.Name)
            foreach ($p in $page.Parameters) {
                $block = $p.Blocks | Where-Object { (Get-YamlValue $_ 'Parameter Sets') -eq '(All)' -or ((Get-YamlValue $_ 'Parameter Sets') -split ',\s*') -contains $set } | Select-Object -First 1
                if ($block) { Parameter $p $block $true }
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'parameters', $ns.command)
        foreach ($p in $page.Parameters) { Parameter $p $p.Blocks[0] $false }
        $w.WriteEndElement()
        foreach ($kind in @(@('inputTypes', 'inputType', $page.Inputs), @('returnValues', 'returnValue', $page.Outputs))) {
            $w.WriteStartElement('command', $kind[0], $ns.command)
            foreach ($item in $kind[2]) {
                $w.WriteStartElement('command', $kind[1], $ns.command)
                $w.WriteStartElement('dev', 'type', $ns.dev); $w.WriteElementString('maml', 'name', $ns.maml, $item.Type); $w.WriteEndElement()
                Paras $item.Description
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        $w.WriteStartElement('maml', 'alert', $ns.maml)
        foreach ($para in ($page.Notes -split "\n\s*\n")) { $w.WriteElementString('maml', 'para', $ns.maml, $para.Trim()) }
        $w.WriteEndElement(); $w.WriteEndElement()
        $w.WriteStartElement('command', 'examples', $ns.command)
        foreach ($ex in $page.Examples) {
            $w.WriteStartElement('command', 'example', $ns.command)
            $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($ex.Title) --------------------------")
            $w.WriteElementString('dev', 'code', $ns.dev, $ex.Code)
            $w.WriteStartElement('dev', 'remarks', $ns.dev)
            foreach ($para in ($ex.Remarks -split "\n\s*\n")) { $w.WriteElementString('maml', 'para', $ns.maml, ($para -replace '\s*\n\s*', ' ').Trim()) }
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteStartElement('command', 'relatedLinks', $ns.command)
        # Get-Help -Online opens the first link with a URI, and fails when that is not an absolute one: the page online comes
        # first, and a link to another page (about_CommerceSync.md) keeps only its text, the name a user gives Get-Help.
        $links = @()
        $onlineUri = if ($page.OnlineVersion) { $page.OnlineVersion } elseif ($OnlineBase) { $OnlineBase.TrimEnd('/') + "/$($page.Name).md" }
        if ($onlineUri) { $links += [pscustomobject]@{ Text = 'Online Version:'; Uri = $onlineUri } }
        foreach ($link in $page.Links) {
            $absolute = $null
            $isWeb = [uri]::TryCreate($link.Uri, [UriKind]::Absolute, [ref]$absolute) -and $absolute.Scheme -in 'http', 'https'
            $links += [pscustomobject]@{ Text = $link.Text; Uri = $isWeb ? $link.Uri : '' }
        }
        foreach ($link in $links) {
            $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $w.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
            $w.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndDocument()
    $w.Close()
}

function Format-AboutParagraph([string] $Text, [string] $First, [string] $Rest, [int] $Width = 79) {
    # One paragraph as lines of at most $Width characters: $First before the first line, $Rest before the others.
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = $First; $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) { $lines.Add($line); $line = $Rest; $empty = $true }
        $line = if ($empty) { $line + $word } else { "$line $word" }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    $lines
}

function ConvertTo-AboutHelp {
    # The about topic as plain text that reads in an 80-column console, as Get-Help prints it: headings in capitals, prose
    # and list items wrapped, code kept as written, each table row as its first cell with the rest wrapped under it.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Destination)
    $plain = { param($t) $t -replace '`', '' -replace '\*\*', '' -replace '\[([^\]]+)\]\([^)]*\)', '$1' }
    $out = [System.Collections.Generic.List[string]]::new()
    $paragraph = $null; $first = ''; $rest = ''; $inCode = $false; $tableHeader = $false
    $flush = {
        if ($null -ne $paragraph) { foreach ($l in (Format-AboutParagraph (& $plain $paragraph) $first $rest)) { $out.Add($l) } }
        Set-Variable -Name paragraph -Value $null -Scope 1
    }
    foreach ($line in (Get-Content -LiteralPath $Path)) {
        if ($line -match '^```') { & $flush; $inCode = -not $inCode; continue }
        if ($inCode) { $out.Add('        ' + $line); continue }
        if ($line -match '^# (.*)') { & $flush; $out.Add('TOPIC'); $out.Add('    ' + $Matches[1].Trim()); continue }
        if ($line -match '^#{2,} (.*)') { & $flush; if ($out[$out.Count - 1] -ne '') { $out.Add('') }; $out.Add($Matches[1].Trim().ToUpperInvariant()); continue }
        if ($line -match '^\|[-| :]+\|$') { continue }
        if ($line -match '^\|(.*)\|$') {
            & $flush
            $cells = @($Matches[1] -split '(?<!\\)\|' | ForEach-Object { $_.Trim() })
            # The first row of a table names its columns: what follows says them in each entry.
            if (-not $tableHeader) { $tableHeader = $true; continue }
            $out.Add('    ' + (& $plain $cells[0]))
            foreach ($l in (Format-AboutParagraph (& $plain (($cells | Select-Object -Skip 1) -join ' ')) '        ' '        ')) { $out.Add($l) }
            continue
        }
        $tableHeader = $false
        if ($line -match '^\s*$') { & $flush; if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }; continue }
        if ($line -match '^(\d+\.|-) (.*)') {
            & $flush
            $marker = $Matches[1]
            $paragraph = $Matches[2]; $first = "    $marker "; $rest = '    ' + (' ' * ($marker.Length + 1))
            continue
        }
        if ($null -ne $paragraph) { $paragraph += ' ' + $line.Trim() }
        else { $paragraph = $line.Trim(); $first = '    '; $rest = '    ' }
    }
    & $flush
    ($out -join "`n").TrimEnd() + "`n" | Set-Content -LiteralPath $Destination -NoNewline
}

function Get-ParameterDefault {
    # The value a parameter has when it is not given, as the cmdlet's code sets it (a property initializer), as text; $null
    # when the code gives none (null, empty, 0, false, an enum's first value). Defaults the code works out later (today, the
    # session's store, one per mode) are only on the page, in its yaml's "Default value".
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [Parameter(Mandatory)] [string] $Name)
    $type = $Command.ImplementingType
    if (-not $type -or $type.IsAbstract) { return }
    $property = $type.GetProperty($Name)
    if (-not $property -or -not $property.CanRead) { return }
    $value = $property.GetValue([Activator]::CreateInstance($type))
    if ($null -eq $value -or $value -is [System.Management.Automation.SwitchParameter] -or $value -is [bool]) { return }
    if ($value -is [string] -and $value -eq '') { return }
    if ($value -is [array] -and $value.Count -eq 0) { return }
    $valueType = $value.GetType()
    if ($valueType.IsValueType -and $value.Equals([Activator]::CreateInstance($valueType))) { return }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
}

function Get-ParameterYaml {
    # The yaml blocks PlatyPS writes for one parameter, from live metadata: one block per distinct combination across sets.
    # The default is the code's (Get-ParameterDefault) unless -DefaultValue gives the page's words for it.
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [Parameter(Mandatory)] [System.Management.Automation.ParameterMetadata] $Parameter,
        [string] $DefaultValue)
    if (-not $DefaultValue) { $DefaultValue = Get-ParameterDefault -Command $Command -Name $Parameter.Name }
    if (-not $DefaultValue) { $DefaultValue = 'None' }
    $allSets = @($Command.ParameterSets.Name)
    $rows = foreach ($set in $Command.ParameterSets) {
        $p = $set.Parameters | Where-Object Name -eq $Parameter.Name
        if (-not $p) { continue }
        $pipeline = @(if ($p.ValueFromPipeline) { 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        [pscustomobject]@{
            Set = $set.Name
            Required = "$($p.IsMandatory)"
            Position = if ($p.Position -ge 0) { "$($p.Position)" } else { 'Named' }
            Pipeline = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        }
    }
    $type = $Parameter.ParameterType
    $typeName = $type.Name
    $accepted = @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
    $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
    if (-not $accepted -and $element.IsEnum) { $accepted = [Enum]::GetNames($element) }
    $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    foreach ($group in ($rows | Group-Object Required, Position, Pipeline)) {
        $sets = @($group.Group.Set)
        $first = $group.Group[0]
        $lines = @(
            "Type: $typeName"
            "Parameter Sets: $(if ($sets.Count -eq $allSets.Count) { '(All)' } else { $sets -join ', ' })"
            "Aliases: $($Parameter.Aliases -join ', ')".TrimEnd()
        )
        if ($accepted) { $lines += "Accepted values: $($accepted -join ', ')" }
        $lines += @(
            ''
            "Required: $($first.Required)"
            "Position: $($first.Position)"
            "Default value: $DefaultValue"
            "Accept pipeline input: $($first.Pipeline)"
            "Accept wildcard characters: $wildcards"
        )
        '```yaml' + "`n" + ($lines -join "`n") + "`n" + '```'
    }
}
