#!/usr/bin/perl
# Mail::DKIM (Debian libmail-dkim-perl) as an interop peer for inkan's tests.
#
#   mail-dkim-peer.pl PORT JOBS.json   -> prints a JSON list with one result per job
#
# Keys come from the DNS server at 127.0.0.1:PORT. JOBS.json: {"jobs": [...]} where a job is
#   {"mode": "verify", "message": PATH}  -> {"verdicts": [{"result", "detail", "selector"}, ...]} top first
#   {"mode": "sign", "message": PATH, "out": PATH, "selector", "domain", "key": PATH, "canonicalization"}
#                                        -> {"ok": 1} after writing the rsa-sha256 signed message to "out"
use strict;
use warnings;
use JSON::PP;
use Mail::DKIM::DNS;
use Mail::DKIM::Signer;
use Mail::DKIM::Verifier;
use Net::DNS::Resolver;

die "usage: mail-dkim-peer.pl PORT JOBS.json\n" unless @ARGV == 2;
my ($port, $jobs_file) = @ARGV;
my $spec = decode_json(slurp($jobs_file));

Mail::DKIM::DNS::resolver(Net::DNS::Resolver->new(
    nameservers => ['127.0.0.1'], port => $port, recurse => 1,
    retry => 1, udp_timeout => 5, tcp_timeout => 5, defnames => 0, dnsrch => 0,
));

sub slurp {
    my ($path) = @_;
    open(my $fh, '<:raw', $path) or die "$path: $!\n";
    local $/;
    return scalar <$fh>;
}

sub message {
    my $text = slurp($_[0]);
    $text =~ s/\r?\n/\r\n/g;    # Mail::DKIM reads CRLF text
    return $text;
}

sub verify {
    my ($job) = @_;
    my $verifier = Mail::DKIM::Verifier->new();
    $verifier->PRINT(message($job->{message}));
    $verifier->CLOSE();
    return { verdicts => [ map { { result => $_->result, detail => $_->result_detail, selector => $_->selector } } $verifier->signatures ] };
}

sub sign {
    my ($job) = @_;
    my $text = message($job->{message});
    my $signer = Mail::DKIM::Signer->new(
        Algorithm => 'rsa-sha256', Method => $job->{canonicalization}, Domain => $job->{domain},
        Selector => $job->{selector}, KeyFile => $job->{key},
    );
    $signer->PRINT($text);
    $signer->CLOSE();
    open(my $out, '>:raw', $job->{out}) or die "$job->{out}: $!\n";
    print $out $signer->signature->as_string, "\r\n", $text;
    close($out);
    return { ok => 1 };
}

my @results;
for my $job (@{ $spec->{jobs} }) {
    my $result = eval { $job->{mode} eq 'verify' ? verify($job) : sign($job) };
    push @results, $result // { error => "$@" };
}
print encode_json(\@results), "\n";
