# Combines the data files of a --coverage run and writes coverage.py's reports.
# Run by src/coverage/report.ts under the plugins' interpreter, with sps-tui's coverage.py helper.
# Usage: coverage_report.py SPEC_JSON   (helpers, data_dir, sources, json, xml, html)
import json
import os
import sys


def main(spec_path):
    with open(spec_path) as handle:
        spec = json.load(handle)
    for path in spec['helpers']:
        if path not in sys.path:
            sys.path.append(path)
    import coverage
    measured = coverage.Coverage(
        data_file=os.path.join(spec['data_dir'], '.coverage'),
        branch=True,
        source=spec['sources'],
        config_file=False,
    )
    measured.set_option('run:disable_warnings', ['no-data-collected', 'module-not-imported', 'module-not-measured'])
    measured.combine([spec['data_dir']])
    measured.save()
    measured.load()
    try:
        measured.json_report(outfile=spec['json'], show_contexts=True)
    except coverage.CoverageException as error:
        # "No data to report": no hook call reached the plugin's code.
        with open(spec['json'], 'w') as handle:
            json.dump({'files': {}, 'totals': {}, 'error': str(error)}, handle)
        return
    if spec.get('xml'):
        measured.xml_report(outfile=spec['xml'])
    if spec.get('html'):
        measured.html_report(directory=spec['html'], show_contexts=True, title='sps-tui coverage')


if __name__ == '__main__':
    sys.dont_write_bytecode = True
    main(sys.argv[1])
