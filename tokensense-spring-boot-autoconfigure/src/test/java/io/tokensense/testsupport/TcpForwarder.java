package io.tokensense.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a free loopback port that pipes bytes both ways to a target, so a test
 * can take a server away: {@link #cut()} closes every live connection and refuses new ones
 * (accepted, then closed at once, so clients fail fast instead of waiting), until
 * {@link #restore()}.
 */
public final class TcpForwarder implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> live = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	public TcpForwarder(String targetHost, int targetPort) throws IOException {
		this.target = new InetSocketAddress(targetHost, targetPort);
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + port());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Closes the live connections and refuses new ones. */
	public void cut() {
		this.cut = true;
		this.live.forEach(TcpForwarder::closeQuietly);
		this.live.clear();
	}

	/** Forwards new connections again. */
	public void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				closeQuietly(client);
				continue;
			}
			connect(client);
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 5_000);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(upstream);
			return;
		}
		this.live.add(client);
		this.live.add(upstream);
		pipe(client, upstream);
		pipe(upstream, client);
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// cut, or closed by either end: close both below
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.live.remove(from);
				this.live.remove(to);
			}
		}, "tcp-forwarder-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		closeQuietly(this.server);
		cut();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
